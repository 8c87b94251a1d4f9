package com.medcase.service.console;

import com.medcase.consent.Authorization;
import com.medcase.consent.AuthorizationKind;
import com.medcase.consent.InvalidAuthorizationException;
import com.medcase.consent.Provision;
import com.medcase.consent.Purpose;
import com.medcase.consent.Recipient;
import com.medcase.retention.DispositionAction;
import com.medcase.retention.RetentionSchedule;
import com.medcase.retention.RetentionSchedules;
import com.medcase.retention.TriggerEvent;
import com.medcase.service.consent.AuthorizationController;
import com.medcase.service.retention.RetentionController;
import com.medcase.service.security.Caller;
import com.medcase.service.security.MedCaseRole;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Console pages for claimant authorizations and retention schedules. Every change goes through the
 * same controller methods the REST API uses (validation, store, audit, ACL re-projection and
 * re-indexing happen there, once); this class only turns form fields into the API's types and
 * shows the engine's refusals. Role rule as in the REST API: records managers only.
 */
@Controller
class ConsoleGovernanceController {

    private final AuthorizationController authorizations;
    private final RetentionController retention;
    private final Clock clock;

    ConsoleGovernanceController(AuthorizationController authorizations, RetentionController retention, Clock clock) {
        this.authorizations = authorizations;
        this.retention = retention;
        this.clock = clock;
    }

    /** One row of the authorizations table. */
    record AuthorizationRow(String id, String kind, String recipient, String purposes, String validity, String status,
                            boolean revocable) {
    }

    // ---- authorizations -------------------------------------------------------------------

    @GetMapping("/console/authorizations")
    String authorizationsPage(@RequestParam(name = "claimant", required = false) String claimant, Model model,
                              Authentication authentication) {
        requireManager(authentication);
        fillAuthorizationsPage(model, authentication, claimant);
        return "console/authorizations";
    }

    @PostMapping("/console/authorizations")
    String createAuthorization(@RequestParam String claimantId,
                               @RequestParam(required = false) AuthorizationKind kind,
                               @RequestParam(required = false) String discloser,
                               @RequestParam(required = false) String informationDescription,
                               @RequestParam(required = false) String recipient,
                               @RequestParam(defaultValue = "false") boolean recipientClass,
                               @RequestParam(required = false) List<Purpose> purposes,
                               @RequestParam(required = false) String categories,
                               @RequestParam(required = false) String sensitivityLabels,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate validFrom,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expiresOn,
                               @RequestParam(required = false) String expiryEvent,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate signedOn,
                               @RequestParam(required = false) String signedBy,
                               @RequestParam(required = false) String representative,
                               @RequestParam(required = false) String representativeAuthority,
                               @RequestParam(defaultValue = "false") boolean revocationRightStated,
                               @RequestParam(required = false) String revocationProcedure,
                               @RequestParam(defaultValue = "false") boolean nonConditioningStated,
                               @RequestParam(defaultValue = "false") boolean redisclosureStated,
                               Model model, Authentication authentication, RedirectAttributes redirect) {
        requireManager(authentication);
        String claimant = claimantId.trim();
        Authorization submitted = new Authorization(null, claimant, kind, blankToNull(discloser),
                blankToNull(recipient) == null ? null : new Recipient(recipient.trim(), recipientClass),
                purposes == null ? Set.of() : EnumSet.copyOf(purposes),
                List.of(Provision.permit(split(categories), split(sensitivityLabels), null, null)),
                blankToNull(informationDescription), startOfDay(validFrom), startOfDay(expiresOn), blankToNull(expiryEvent),
                signedOn, blankToNull(signedBy), blankToNull(representative), blankToNull(representativeAuthority),
                revocationRightStated, null, Set.of(), null, blankToNull(revocationProcedure), nonConditioningStated,
                redisclosureStated);
        try {
            AuthorizationController.Outcome outcome = authorizations.create(submitted, authentication);
            redirect.addFlashAttribute("message", "Created " + outcome.authorization().id() + "; "
                    + outcome.recordsReprojected() + " record(s) re-projected");
            return redirectToClaimant(redirect, claimant);
        } catch (InvalidAuthorizationException e) {
            model.addAttribute("errorElement", e.element());
            model.addAttribute("error", e.getMessage());
        } catch (IllegalArgumentException | NullPointerException e) {
            model.addAttribute("error", e.getMessage());
        }
        fillAuthorizationsPage(model, authentication, claimant);
        return "console/authorizations";
    }

    @PostMapping("/console/authorizations/{id}/revoke")
    String revokeAuthorization(@PathVariable String id, @RequestParam String reason, @RequestParam String claimantId,
                               Authentication authentication, RedirectAttributes redirect) {
        requireManager(authentication);
        try {
            AuthorizationController.Outcome outcome = authorizations.revoke(id,
                    new AuthorizationController.RevocationRequest(reason, null), authentication);
            redirect.addFlashAttribute("message", "Revoked " + id + "; " + outcome.recordsReprojected() + " record(s) re-projected");
            return redirectToClaimant(redirect, outcome.authorization().claimantId());
        } catch (InvalidAuthorizationException e) {
            redirect.addFlashAttribute("errorElement", e.element());
            redirect.addFlashAttribute("error", e.getMessage());
        } catch (IllegalArgumentException | java.util.NoSuchElementException | IllegalStateException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return redirectToClaimant(redirect, claimantId);
    }

    private void fillAuthorizationsPage(Model model, Authentication authentication, String claimant) {
        String c = blankToNull(claimant);
        Instant now = clock.instant();
        List<AuthorizationRow> rows = c == null ? List.of()
                : authorizations.ofClaimant(c).stream().map(a -> row(a, now)).toList();
        model.addAttribute("caller", Caller.of(authentication));
        model.addAttribute("claimant", c);
        model.addAttribute("rows", rows);
        model.addAttribute("kinds", AuthorizationKind.values());
        // Records administration is the records team's own purpose, never one a claimant authorizes.
        model.addAttribute("purposeValues", Arrays.stream(Purpose.values()).filter(p -> p != Purpose.RECORDS_ADMINISTRATION).toList());
    }

    private static AuthorizationRow row(Authorization a, Instant now) {
        String status;
        if (a.revocation() != null && !now.isBefore(a.revocation().effectiveAt())) {
            status = "revoked";
        } else if (a.expiresAt() != null && !now.isBefore(a.expiresAt())) {
            status = "expired";
        } else if (a.validFrom() != null && now.isBefore(a.validFrom())) {
            status = "not yet valid";
        } else {
            status = "active";
        }
        String recipient = a.recipient() == null ? "" : a.recipient().authority() + (a.recipient().partyClass() ? " (class)" : "");
        String purposes = a.purposes().stream().map(Enum::name).sorted().collect(Collectors.joining(", "));
        String until = a.expiresAt() != null ? day(a.expiresAt()).toString()
                : a.expiryEvent() != null ? "until " + a.expiryEvent() : "?";
        String validity = (a.validFrom() != null ? day(a.validFrom()) + " – " : "from signature – ") + until;
        return new AuthorizationRow(a.id(), a.kind() == null ? "" : a.kind().name(), recipient, purposes, validity, status,
                a.revocation() == null);
    }

    // ---- retention schedules --------------------------------------------------------------

    @GetMapping("/console/retention")
    String retentionPage(Model model, Authentication authentication) {
        requireManager(authentication);
        fillRetentionPage(model, authentication);
        return "console/retention";
    }

    @PostMapping("/console/retention/schedules")
    String createSchedule(@RequestParam String id, @RequestParam(required = false) String category,
                          @RequestParam(required = false) String jurisdiction, @RequestParam TriggerEvent trigger,
                          @RequestParam String retainFor, @RequestParam DispositionAction action,
                          @RequestParam(required = false) String minimumRetention,
                          Model model, Authentication authentication, RedirectAttributes redirect) {
        requireManager(authentication);
        try {
            RetentionSchedule schedule = new RetentionSchedule(id.trim(), blankToNull(category), blankToNull(jurisdiction),
                    trigger, Period.parse(retainFor.trim().toUpperCase()), action,
                    blankToNull(minimumRetention) == null ? null : Period.parse(minimumRetention.trim().toUpperCase()));
            // The engine refuses a schedule set in which two schedules cover the same scope; ask it
            // before storing, so the console shows its reason rather than a constraint violation.
            List<RetentionSchedule> candidate = new ArrayList<>(retention.schedules().stream()
                    .filter(s -> !s.id().equals(schedule.id())).toList());
            candidate.add(schedule);
            new RetentionSchedules(candidate, Map.of());
            retention.save(schedule, authentication);
            redirect.addFlashAttribute("message", "Saved schedule " + schedule.id());
            return "redirect:/console/retention";
        } catch (java.time.format.DateTimeParseException e) {
            model.addAttribute("error", "Periods are ISO-8601, e.g. P7Y or P6M: " + e.getMessage());
        } catch (IllegalArgumentException | NullPointerException e) {
            model.addAttribute("error", e.getMessage());
        }
        fillRetentionPage(model, authentication);
        return "console/retention";
    }

    private void fillRetentionPage(Model model, Authentication authentication) {
        model.addAttribute("caller", Caller.of(authentication));
        model.addAttribute("schedules", retention.schedules());
        model.addAttribute("triggers", TriggerEvent.values());
        model.addAttribute("actions", DispositionAction.values());
    }

    // ---- helpers --------------------------------------------------------------------------

    /** Same rule as the REST API's /api/authorizations, /api/claimants and /api/retention: records managers. */
    private static void requireManager(Authentication authentication) {
        if (!Caller.of(authentication).has(MedCaseRole.RECORDS_MANAGER)) {
            throw new AccessDeniedException("Authorizations and retention schedules are for records managers");
        }
    }

    private static String redirectToClaimant(RedirectAttributes redirect, String claimant) {
        redirect.addAttribute("claimant", claimant);
        return "redirect:/console/authorizations";
    }

    private static Set<String> split(String csv) {
        if (csv == null || csv.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Instant startOfDay(LocalDate day) {
        return day == null ? null : day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static LocalDate day(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
