package com.medcase.service.console;

import com.medcase.consent.Authorization;
import com.medcase.consent.AuthorizationKind;
import com.medcase.consent.AuthorizationValidator;
import com.medcase.consent.InvalidAuthorizationException;
import com.medcase.consent.Purpose;
import com.medcase.consent.RecordFacts;
import com.medcase.enforcement.RecordAccessEnforcer;
import com.medcase.model.MedCaseModel;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.RecordRepository;
import com.medcase.repository.StoredRecord;
import com.medcase.retention.DispositionAction;
import com.medcase.retention.RetentionSchedule;
import com.medcase.retention.RetentionSchedules;
import com.medcase.retention.TriggerEvent;
import com.medcase.service.consent.AuthorizationController;
import com.medcase.service.records.RecordAccess;
import com.medcase.service.retention.RetentionController;
import com.medcase.service.security.Caller;
import com.medcase.service.security.MedCaseRole;
import com.medcase.store.consent.JdbcAuthorizationStore;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Console pages for claimant authorizations and retention schedules. Every change goes through the same
 * controller methods the REST API uses (validation, store, audit, ACL re-projection and re-indexing happen
 * there, once); this class turns form fields into the API's types, lists every validation error at once (by
 * asking the engine's validator again with each refused element stood in for, see {@link AuthorizationForm}),
 * previews which records an authorization opens, and confirms revocations. Records managers only, as in the API.
 */
@Controller
class ConsoleGovernanceController {

    private final AuthorizationController authorizations;
    private final RetentionController retention;
    private final AuthorizationValidator validator;
    private final JdbcAuthorizationStore store;
    private final RecordRepository repository;
    private final RecordAccess recordAccess;
    private final RecordAudience audience;
    private final Clock clock;

    ConsoleGovernanceController(AuthorizationController authorizations, RetentionController retention, AuthorizationValidator validator,
                                JdbcAuthorizationStore store, RecordRepository repository, RecordAccess recordAccess,
                                RecordAudience audience, Clock clock) {
        this.authorizations = authorizations;
        this.retention = retention;
        this.validator = validator;
        this.store = store;
        this.repository = repository;
        this.recordAccess = recordAccess;
        this.audience = audience;
        this.clock = clock;
    }

    /** One row of the authorizations table; {@code status} is a message key suffix. */
    record AuthorizationRow(String id, String kind, String recipient, boolean recipientClass, List<String> purposes,
                            Instant validFrom, Instant expiresAt, String expiryEvent, String status, boolean revocable) {
    }

    /** One record an authorization opens (preview) or closes (revocation). */
    record RecordRow(String id, String name, String caseNumber, String category) {
    }

    // ---- authorizations -------------------------------------------------------------------

    @GetMapping("/console/authorizations")
    String authorizationsPage(@RequestParam(name = "claimant", required = false) String claimant, Model model,
                              Authentication authentication) {
        requireManager(authentication);
        AuthorizationForm form = new AuthorizationForm();
        form.setClaimantId(claimant);
        fillAuthorizationsPage(model, authentication, claimant, form);
        return "console/authorizations";
    }

    @PostMapping("/console/authorizations")
    String createAuthorization(@ModelAttribute("form") AuthorizationForm form, BindingResult binding,
                               @RequestParam(defaultValue = "create") String intent,
                               Model model, Authentication authentication, RedirectAttributes redirect) {
        requireManager(authentication);
        Map<String, String> errors = new LinkedHashMap<>();
        binding.getFieldErrors().forEach(e -> errors.putIfAbsent(e.getField(), "form.invalid." + e.getField()));
        if (errors.isEmpty()) {
            errors.putAll(allProblems(form));
        }
        String claimant = form.getClaimantId() == null ? null : form.getClaimantId().strip();
        if (errors.isEmpty() && "preview".equals(intent)) {
            Authorization candidate = form.toAuthorization("PREVIEW-" + UUID.randomUUID());
            model.addAttribute("preview", opened(candidate));
        } else if (errors.isEmpty()) {
            try {
                AuthorizationController.Outcome outcome = authorizations.create(form.toAuthorization(null), authentication);
                redirect.addFlashAttribute("messageKey", "authorizations.created");
                redirect.addFlashAttribute("messageArgs", new Object[]{outcome.authorization().id(), outcome.recordsReprojected()});
                return redirectToClaimant(redirect, claimant);
            } catch (InvalidAuthorizationException e) {
                errors.put(AuthorizationForm.FIELD_OF_ELEMENT.getOrDefault(e.element(), "global"), e.getMessage());
            } catch (IllegalArgumentException | NullPointerException e) {
                errors.put("global", String.valueOf(e.getMessage()));
            }
        }
        model.addAttribute("errors", errors);
        fillAuthorizationsPage(model, authentication, claimant, form);
        return "console/authorizations";
    }

    /** The confirmation step of a revocation: what it closes, the reason, and when the revocation was received. */
    @GetMapping("/console/authorizations/{id}/revoke")
    String revokePage(@PathVariable String id, Model model, Authentication authentication) {
        requireManager(authentication);
        Authorization a = store.find(id).orElseThrow(() -> new java.util.NoSuchElementException("No authorization with id " + id));
        model.addAttribute("caller", Caller.of(authentication));
        model.addAttribute("authorization", row(a, clock.instant()));
        model.addAttribute("claimant", a.claimantId());
        model.addAttribute("closes", currentlyOpened(a));
        model.addAttribute("now", LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).withSecond(0).withNano(0));
        return "console/revoke";
    }

    @PostMapping("/console/authorizations/{id}/revoke")
    String revokeAuthorization(@PathVariable String id, @RequestParam(required = false) String reason,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime receivedAt,
                               @RequestParam(required = false) String claimantId,
                               Model model, Authentication authentication, RedirectAttributes redirect) {
        requireManager(authentication);
        Authorization current = store.find(id).orElseThrow(() -> new java.util.NoSuchElementException("No authorization with id " + id));
        String error = null;
        if (reason == null || reason.isBlank()) {
            error = "revoke.reason.required";
        } else {
            try {
                Instant received = receivedAt == null ? null : receivedAt.toInstant(ZoneOffset.UTC);
                AuthorizationController.Outcome outcome = authorizations.revoke(id,
                        new AuthorizationController.RevocationRequest(reason.strip(), null, received), authentication);
                redirect.addFlashAttribute("messageKey", "authorizations.revoked");
                redirect.addFlashAttribute("messageArgs", new Object[]{id, outcome.recordsReprojected()});
                return redirectToClaimant(redirect, outcome.authorization().claimantId());
            } catch (InvalidAuthorizationException | IllegalArgumentException | IllegalStateException e) {
                model.addAttribute("error", e.getMessage());
            }
        }
        model.addAttribute("errorKey", error);
        model.addAttribute("reason", reason);
        model.addAttribute("caller", Caller.of(authentication));
        model.addAttribute("authorization", row(current, clock.instant()));
        model.addAttribute("claimant", current.claimantId());
        model.addAttribute("closes", currentlyOpened(current));
        model.addAttribute("now", receivedAt != null ? receivedAt
                : LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).withSecond(0).withNano(0));
        return "console/revoke";
    }

    /** Every problem the engine's validator finds, each next to its field (the validator stops at the first). */
    private Map<String, String> allProblems(AuthorizationForm form) {
        Map<String, String> errors = new LinkedHashMap<>();
        AuthorizationForm probe = form.copy();
        for (int round = 0; round < 20; round++) {
            try {
                validator.validate(probe.toAuthorization("FORM-CHECK"));
                return errors;
            } catch (InvalidAuthorizationException e) {
                String field = AuthorizationForm.FIELD_OF_ELEMENT.getOrDefault(e.element(), "global");
                if (errors.containsKey(field) || !probe.standInFor(e.element())) {
                    errors.putIfAbsent(field, e.getMessage());
                    return errors;
                }
                errors.put(field, e.getMessage());
            } catch (IllegalArgumentException | NullPointerException e) {
                errors.putIfAbsent("global", String.valueOf(e.getMessage()));
                return errors;
            }
        }
        return errors;
    }

    private List<RecordRow> opened(Authorization candidate) {
        Map<String, RecordRow> rows = new LinkedHashMap<>();
        List<RecordFacts> facts = new ArrayList<>();
        for (CaseFolder c : casesOf(candidate.claimantId())) {
            for (StoredRecord r : repository.listRecords(c.id())) {
                facts.add(recordAccess.factsOf(r));
                rows.put(r.id(), new RecordRow(r.id(), r.name(), c.caseNumber(), (String) r.properties().get(MedCaseModel.PROP_RECORD_CATEGORY)));
            }
        }
        return audience.wouldOpen(candidate, facts).stream().map(rows::get).toList();
    }

    /** Records whose ACL names this authorization's group now (what a revocation closes at once). */
    private List<RecordRow> currentlyOpened(Authorization a) {
        String group = RecordAccessEnforcer.groupOf(a.id());
        List<RecordRow> rows = new ArrayList<>();
        for (CaseFolder c : casesOf(a.claimantId())) {
            for (StoredRecord r : repository.listRecords(c.id())) {
                Object governing = r.properties().get(MedCaseModel.PROP_GOVERNING_AUTHORIZATION_IDS);
                if (governing instanceof java.util.Collection<?> ids ? ids.contains(a.id()) : a.id().equals(governing)) {
                    rows.add(new RecordRow(r.id(), r.name(), c.caseNumber(), (String) r.properties().get(MedCaseModel.PROP_RECORD_CATEGORY)));
                }
            }
        }
        return rows;
    }

    private List<CaseFolder> casesOf(String claimantId) {
        return claimantId == null ? List.of() : repository.listCases().stream()
                .filter(c -> claimantId.equals(c.properties().get(MedCaseModel.PROP_CASE_CLAIMANT_ID))).toList();
    }

    private void fillAuthorizationsPage(Model model, Authentication authentication, String claimant, AuthorizationForm form) {
        String c = blankToNull(claimant);
        model.addAttribute("caller", Caller.of(authentication));
        model.addAttribute("claimant", c);
        model.addAttribute("rows", c == null ? List.of() : rows(authorizations.ofClaimant(c)));
        model.addAttribute("form", form);
        model.addAttribute("kinds", AuthorizationKind.values());
        // Records administration is the records team's own purpose, never one a claimant authorizes.
        model.addAttribute("purposeValues", Arrays.stream(Purpose.values()).filter(p -> p != Purpose.RECORDS_ADMINISTRATION).toList());
        TreeSet<String> claimants = repository.listCases().stream()
                .map(f -> (String) f.properties().get(MedCaseModel.PROP_CASE_CLAIMANT_ID))
                .filter(java.util.Objects::nonNull).collect(Collectors.toCollection(TreeSet::new));
        if (c != null) {
            claimants.add(c);
        }
        model.addAttribute("knownClaimants", claimants);
        model.addAttribute("knownRecipients", store.all().stream().filter(a -> a.recipient() != null)
                .map(a -> a.recipient().authority()).collect(Collectors.toCollection(TreeSet::new)));
        model.addAttribute("categories", MedCaseModel.RECORD_CATEGORIES);
        model.addAttribute("sensitivityLabels", MedCaseModel.SENSITIVITY_LABELS);
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
    }

    static List<AuthorizationRow> rows(List<Authorization> all) {
        Instant now = Instant.now();
        return all.stream().map(a -> row(a, now)).toList();
    }

    static AuthorizationRow row(Authorization a, Instant now) {
        String status;
        if (a.revocation() != null && !now.isBefore(a.revocation().effectiveAt())) {
            status = "revoked";
        } else if (!a.isActiveAt(now) && a.validFrom() != null && now.isBefore(a.validFrom())) {
            status = "pending";
        } else if (!a.isActiveAt(now)) {
            status = "expired";
        } else {
            status = "active";
        }
        return new AuthorizationRow(a.id(), a.kind() == null ? "" : a.kind().name(),
                a.recipient() == null ? "" : a.recipient().authority(), a.recipient() != null && a.recipient().partyClass(),
                a.purposes().stream().map(Enum::name).sorted().toList(), a.validFrom(), a.expiresAt(), a.expiryEvent(), status,
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
                          @RequestParam(required = false) Integer retainYears, @RequestParam(required = false) Integer retainMonths,
                          @RequestParam DispositionAction action,
                          @RequestParam(required = false) Integer minimumYears,
                          Model model, Authentication authentication, RedirectAttributes redirect) {
        requireManager(authentication);
        Map<String, String> errors = new LinkedHashMap<>();
        int years = retainYears == null ? 0 : retainYears;
        int months = retainMonths == null ? 0 : retainMonths;
        if (id == null || id.isBlank()) {
            errors.put("id", "retention.error.id");
        }
        if (years < 0 || months < 0 || years + months == 0) {
            errors.put("retainFor", "retention.error.period");
        }
        if (minimumYears != null && minimumYears < 0) {
            errors.put("minimumRetention", "retention.error.minimum");
        }
        if (errors.isEmpty()) {
            try {
                RetentionSchedule schedule = new RetentionSchedule(id.strip(), blankToNull(category), blankToNull(jurisdiction),
                        trigger, Period.of(years, months, 0), action, minimumYears == null ? null : Period.ofYears(minimumYears));
                // The engine refuses a schedule set in which two schedules cover the same scope; ask it
                // before storing, so the console shows its reason rather than a constraint violation.
                List<RetentionSchedule> candidate = new ArrayList<>(retention.schedules().stream()
                        .filter(s -> !s.id().equals(schedule.id())).toList());
                candidate.add(schedule);
                new RetentionSchedules(candidate, Map.of());
                retention.save(schedule, authentication);
                redirect.addFlashAttribute("messageKey", "retention.saved");
                redirect.addFlashAttribute("messageArgs", new Object[]{schedule.id()});
                return "redirect:/console/retention";
            } catch (IllegalArgumentException | NullPointerException e) {
                model.addAttribute("error", e.getMessage());
            }
        }
        model.addAttribute("errors", errors);
        model.addAttribute("form", Map.of("id", id == null ? "" : id, "category", category == null ? "" : category,
                "jurisdiction", jurisdiction == null ? "" : jurisdiction, "trigger", trigger.name(), "action", action.name(),
                "retainYears", retainYears == null ? "" : retainYears.toString(), "retainMonths", retainMonths == null ? "" : retainMonths.toString(),
                "minimumYears", minimumYears == null ? "" : minimumYears.toString()));
        fillRetentionPage(model, authentication);
        return "console/retention";
    }

    private void fillRetentionPage(Model model, Authentication authentication) {
        model.addAttribute("caller", Caller.of(authentication));
        model.addAttribute("schedules", retention.schedules());
        model.addAttribute("triggers", TriggerEvent.values());
        model.addAttribute("actions", DispositionAction.values());
        model.addAttribute("categories", MedCaseModel.RECORD_CATEGORIES);
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", Map.of());
        }
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

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
