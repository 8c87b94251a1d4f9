package com.medcase.service.claimants;

import com.medcase.service.security.Caller;
import com.medcase.service.security.MedCaseRole;
import com.medcase.store.claimant.JdbcClaimantRegistry;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The console's claimant form: register a claimant with name, date of birth and an optional identifier. */
@Controller
class ConsoleClaimantController {

    private final ClaimantRegistration registration;
    private final JdbcClaimantRegistry registry;

    ConsoleClaimantController(ClaimantRegistration registration, JdbcClaimantRegistry registry) {
        this.registration = registration;
        this.registry = registry;
    }

    @GetMapping("/console/claimants")
    String page(Model model, Authentication authentication) {
        fill(model, authentication);
        return "console/claimants";
    }

    @PostMapping("/console/claimants")
    String register(@RequestParam String familyName, @RequestParam String givenName, @RequestParam String dateOfBirth,
                    @RequestParam(required = false) String identifierSystem, @RequestParam(required = false) String identifierValue,
                    Model model, Authentication authentication) {
        fill(model, authentication);
        try {
            List<JdbcClaimantRegistry.Identifier> ids = identifierValue == null || identifierValue.isBlank() ? List.of()
                    : List.of(new JdbcClaimantRegistry.Identifier(identifierSystem == null || identifierSystem.isBlank() ? "urn:medcase:other"
                    : identifierSystem.trim(), identifierValue.trim()));
            var claimant = registration.register(new ClaimantRegistration.Request(familyName, givenName, LocalDate.parse(dateOfBirth.trim()), ids),
                    authentication.getName());
            model.addAttribute("message", "Registered claimant " + claimant.id());
            model.addAttribute("claimants", registry.list(100));
        } catch (DateTimeParseException e) {
            model.addAttribute("error", "Date of birth '" + dateOfBirth + "' is not a date (YYYY-MM-DD)");
        } catch (IllegalArgumentException | JdbcClaimantRegistry.IdentifierTakenException e) {
            model.addAttribute("error", e.getMessage());
        }
        return "console/claimants";
    }

    private void fill(Model model, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        if (!caller.has(MedCaseRole.RECORDS_MANAGER)) {
            throw new AccessDeniedException("The claimant registry is for records managers");
        }
        model.addAttribute("caller", caller);
        model.addAttribute("claimants", registry.list(100));
    }
}
