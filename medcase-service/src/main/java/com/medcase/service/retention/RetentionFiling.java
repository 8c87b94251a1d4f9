package com.medcase.service.retention;

import com.medcase.enforcement.GovernedRecordRepository;
import com.medcase.model.MedCaseModel;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.RecordRepository;
import com.medcase.repository.StoredRecord;
import com.medcase.retention.RetentionFacts;
import com.medcase.store.retention.JdbcRetentionFactsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Map;

/**
 * A record's due date is computed when it is filed, whoever files it (API, console, import routes): its
 * retention facts (category, jurisdiction, received and service dates, the case's closing date, the
 * claimant's birth date) are stored and planned at once. A planning failure leaves the facts unplanned
 * for the scheduled planner, never without a date.
 */
@Component
public class RetentionFiling implements GovernedRecordRepository.FilingListener {

    private static final Logger log = LoggerFactory.getLogger(RetentionFiling.class);

    private final JdbcRetentionFactsStore facts;
    private final RetentionPlanner planner;
    private final ObjectProvider<RecordRepository> repository;

    RetentionFiling(JdbcRetentionFactsStore facts, RetentionPlanner planner, ObjectProvider<RecordRepository> repository) {
        this.facts = facts;
        this.planner = planner;
        this.repository = repository;
    }

    @Override
    public void filed(StoredRecord record, CaseFolder caseFolder) {
        Map<String, Object> p = record.properties();
        Map<String, Object> c = caseFolder.properties();
        String claimantId = (String) c.get(MedCaseModel.PROP_CASE_CLAIMANT_ID);
        LocalDate serviceTo = date(p.get(MedCaseModel.PROP_SERVICE_DATE_TO));
        LocalDate lastService = serviceTo != null ? serviceTo : date(p.get(MedCaseModel.PROP_SERVICE_DATE_FROM));
        LocalDate closed = "closed".equals(c.get(MedCaseModel.PROP_CASE_STATUS)) ? date(c.get(MedCaseModel.PROP_CLOSED_DATE)) : null;
        LocalDate received = date(p.get(MedCaseModel.PROP_RECEIVED_DATE));
        String category = (String) p.getOrDefault(MedCaseModel.PROP_RECORD_CATEGORY, "other");
        RetentionFacts f = new RetentionFacts(record.id(), category, (String) c.get(MedCaseModel.PROP_JURISDICTION),
                received != null ? received : LocalDate.now(), lastService, closed, birthDate(claimantId),
                record.aspects().contains(MedCaseModel.ASPECT_SENSITIVE));
        facts.record(f, caseFolder.id(), claimantId, null);
        try {
            planner.planCase(caseFolder.id(), "retention-filing");
        } catch (RuntimeException e) {
            log.warn("Disposition date of a newly filed record left to the scheduled planner: {}", e.getClass().getName());
        }
    }

    /**
     * Records the facts of a record that was stored without them: a crash after the repository stored it and before
     * this listener ran (the import pipeline's takeover and recovery hand such a record to the service's follow-up).
     * Nothing is done for a record whose facts are there. Returns whether they were missing.
     */
    public boolean ensureFacts(StoredRecord record, java.util.function.Supplier<CaseFolder> caseFolder) {
        if (facts.find(record.id()).isPresent()) {
            return false;
        }
        filed(record, caseFolder.get());
        return true;
    }

    /** The claimant's birth date: from the claimant's other records' facts, else the claimant folder. */
    private LocalDate birthDate(String claimantId) {
        if (claimantId == null) {
            return null;
        }
        LocalDate known = facts.claimantBirthDateOf(claimantId).orElse(null);
        if (known != null) {
            return known;
        }
        RecordRepository repo = repository.getIfAvailable();
        if (repo == null) {
            return null;
        }
        return repo.findClaimant(claimantId).map(props -> date(props.get(MedCaseModel.PROP_DATE_OF_BIRTH))).orElse(null);
    }

    static LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof java.util.Date d) {
            return d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        }
        if (value instanceof java.time.temporal.TemporalAccessor t) {
            return LocalDate.from(t);
        }
        String s = value.toString();
        return LocalDate.parse(s.length() >= 10 ? s.substring(0, 10) : s);
    }
}
