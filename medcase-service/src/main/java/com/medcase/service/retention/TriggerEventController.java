package com.medcase.service.retention;

import com.medcase.audit.AuditEvent;
import com.medcase.audit.AuditLedger;
import com.medcase.model.MedCaseModel;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.RecordRepository;
import com.medcase.store.retention.JdbcRetentionFactsStore;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Retention trigger events. Each rewrites the facts of every record of the case or claimant in one
 * statement and re-plans them at once: closing a case gives its records a due date, reopening it
 * withdraws their queue entries (approvals included), a birth date or the end of the relationship moves
 * the dates that count from them. Audited with the user's name.
 */
@RestController
class TriggerEventController {

    record DateRequest(LocalDate date) { }

    record Outcome(String subject, String event, int records, int scheduled, int rescheduled, int withdrawn, int waiting) {
        static Outcome of(String subject, String event, int records, JdbcRetentionFactsStore.PlanningOutcome o) {
            return new Outcome(subject, event, records, o.scheduled(), o.rescheduled(), o.withdrawn(), o.waiting());
        }
    }

    private final RecordRepository repository;
    private final JdbcRetentionFactsStore facts;
    private final RetentionPlanner planner;
    private final AuditLedger ledger;
    private final Clock clock;

    TriggerEventController(RecordRepository repository, JdbcRetentionFactsStore facts, RetentionPlanner planner, AuditLedger ledger, Clock clock) {
        this.repository = repository;
        this.facts = facts;
        this.planner = planner;
        this.ledger = ledger;
        this.clock = clock;
    }

    @PostMapping("/api/retention/cases/{caseNumber}/close")
    Outcome close(@PathVariable String caseNumber, @RequestBody(required = false) DateRequest request, Authentication authentication) {
        CaseFolder folder = folder(caseNumber);
        LocalDate on = request != null && request.date() != null ? request.date() : LocalDate.now(clock);
        Map<String, Object> props = new HashMap<>();
        props.put(MedCaseModel.PROP_CASE_STATUS, "closed");
        props.put(MedCaseModel.PROP_CLOSED_DATE, on);
        repository.updateProperties(folder.id(), props);
        int records = facts.caseClosed(folder.id(), on);
        ledger.append(new AuditEvent(authentication.getName(), null, "case.close", folder.id(), "DONE", null, Map.of("closedOn", on.toString())));
        return Outcome.of(caseNumber, "case closed " + on, records, planner.planCase(folder.id(), "trigger-event"));
    }

    @PostMapping("/api/retention/cases/{caseNumber}/reopen")
    Outcome reopen(@PathVariable String caseNumber, Authentication authentication) {
        CaseFolder folder = folder(caseNumber);
        Map<String, Object> props = new HashMap<>();
        props.put(MedCaseModel.PROP_CASE_STATUS, "open");
        props.put(MedCaseModel.PROP_CLOSED_DATE, null);
        repository.updateProperties(folder.id(), props);
        int records = facts.caseClosed(folder.id(), null);
        ledger.append(AuditEvent.of(authentication.getName(), "case.reopen", folder.id(), "DONE", null));
        return Outcome.of(caseNumber, "case reopened", records, planner.planCase(folder.id(), "trigger-event"));
    }

    @PostMapping("/api/retention/claimants/{claimantId}/birth-date")
    Outcome birthDate(@PathVariable String claimantId, @RequestBody DateRequest request, Authentication authentication) {
        if (request == null || request.date() == null) {
            throw new IllegalArgumentException("date is required (the claimant's date of birth, YYYY-MM-DD)");
        }
        int records = facts.claimantBirthDate(claimantId, request.date());
        ledger.append(AuditEvent.of(authentication.getName(), "claimant.birth-date", claimantId, "DONE", null));
        return Outcome.of(claimantId, "birth date recorded", records, planner.planClaimant(claimantId, "trigger-event"));
    }

    @PostMapping("/api/retention/claimants/{claimantId}/relationship-ended")
    Outcome relationshipEnded(@PathVariable String claimantId, @RequestBody(required = false) DateRequest request, Authentication authentication) {
        LocalDate on = request != null && request.date() != null ? request.date() : LocalDate.now(clock);
        int records = facts.relationshipEnded(claimantId, on);
        ledger.append(new AuditEvent(authentication.getName(), null, "claimant.relationship-ended", claimantId, "DONE", null,
                Map.of("endedOn", on.toString())));
        return Outcome.of(claimantId, "relationship ended " + on, records, planner.planClaimant(claimantId, "trigger-event"));
    }

    private CaseFolder folder(String caseNumber) {
        return repository.findCaseByNumber(caseNumber).orElseThrow(() -> new NoSuchElementException("No case with number " + caseNumber));
    }
}
