package com.medcase.service.retention;

import com.medcase.service.security.Caller;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Proof of disposition in the console: the certificates, newest first, with their seals and downloads. */
@Controller
class CertificateConsoleController {

    private final DispositionQueue disposition;

    CertificateConsoleController(DispositionQueue disposition) {
        this.disposition = disposition;
    }

    @GetMapping("/console/certificates")
    String certificates(@org.springframework.web.bind.annotation.RequestParam(defaultValue = "0") int page, Model model,
                        Authentication authentication) {
        int size = com.medcase.service.console.PageView.DEFAULT_SIZE;
        DispositionQueue.Certificates found = disposition.certificatesPage(page, size);
        model.addAttribute("caller", Caller.of(authentication));
        model.addAttribute("page", new com.medcase.service.console.PageView<>(found.certificates(), Math.max(0, page), size, found.total(),
                "/console/certificates", java.util.Map.of()));
        model.addAttribute("counts", disposition.counts());
        return "console/certificates";
    }

    /** Downloads under the console's session (the API paths take HTTP Basic only). */
    @GetMapping("/console/certificates/{id}/pdf")
    org.springframework.http.ResponseEntity<byte[]> pdf(@org.springframework.web.bind.annotation.PathVariable String id) {
        com.medcase.retention.DestructionCertificate c = disposition.certificate(id);
        return org.springframework.http.ResponseEntity.ok().contentType(org.springframework.http.MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "attachment; filename=\"" + c.certificateId() + ".pdf\"")
                .header("X-MedCase-Certificate-Hash", c.certificateHash()).body(CertificatePdf.render(c));
    }

    @GetMapping("/console/certificates/{id}/json")
    @org.springframework.web.bind.annotation.ResponseBody
    org.springframework.http.ResponseEntity<com.medcase.retention.DestructionCertificate> json(
            @org.springframework.web.bind.annotation.PathVariable String id) {
        com.medcase.retention.DestructionCertificate c = disposition.certificate(id);
        return org.springframework.http.ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"" + c.certificateId() + ".json\"")
                .header("X-MedCase-Certificate-Hash", c.certificateHash()).body(c);
    }
}
