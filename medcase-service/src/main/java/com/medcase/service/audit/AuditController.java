package com.medcase.service.audit;

import com.medcase.audit.AuditEntry;
import com.medcase.audit.AuditLedger;
import com.medcase.audit.LedgerVerification;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Audit ledger reading and verification, for administrators. */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    private final AuditLedger ledger;

    AuditController(AuditLedger ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/verification")
    LedgerVerification verify() {
        return ledger.verify();
    }

    @GetMapping("/entries")
    List<AuditEntry> entries(@RequestParam(defaultValue = "1") long from, @RequestParam(defaultValue = "100") int limit) {
        return ledger.read(from, Math.min(limit, 1000));
    }
}
