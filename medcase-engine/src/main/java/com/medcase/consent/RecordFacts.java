package com.medcase.consent;

import com.medcase.model.MedCaseModel;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * What the consent rules need to know about a record (mc:medicalRecord and mc:sensitive).
 *
 * @param jurisdiction where the record's sensitivity rules come from (e.g. {@code US-CA}); null when unknown,
 *                     in which case the default {@link SensitivityLabelPolicy} applies
 */
public record RecordFacts(String recordId, String claimantId, String category, Set<String> sensitivityLabels,
                          LocalDate serviceFrom, LocalDate serviceTo, String jurisdiction) {

    static final String PSYCHOTHERAPY_CATEGORY = "psychotherapyNotes";
    static final String SUBSTANCE_USE_CATEGORY = "substanceUseTreatment";

    public RecordFacts {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(claimantId, "claimantId");
        Objects.requireNonNull(category, "category");
        sensitivityLabels = Set.copyOf(sensitivityLabels);
        if (!MedCaseModel.RECORD_CATEGORIES.contains(category)) {
            throw new IllegalArgumentException("Record " + recordId + " has category '" + category
                    + "', which is not one of " + MedCaseModel.RECORD_CATEGORIES);
        }
        if (!MedCaseModel.SENSITIVITY_LABELS.containsAll(sensitivityLabels)) {
            throw new IllegalArgumentException("Record " + recordId + " has unknown sensitivity labels " + sensitivityLabels
                    + "; allowed: " + MedCaseModel.SENSITIVITY_LABELS);
        }
    }

    /** A record whose jurisdiction is not known. */
    public RecordFacts(String recordId, String claimantId, String category, Set<String> sensitivityLabels,
                       LocalDate serviceFrom, LocalDate serviceTo) {
        this(recordId, claimantId, category, sensitivityLabels, serviceFrom, serviceTo, null);
    }

    /** Psychotherapy notes by category or label: only a standalone authorization may cover them. */
    public boolean isPsychotherapyNotes() {
        return PSYCHOTHERAPY_CATEGORY.equals(category) || sensitivityLabels.contains("psychotherapy");
    }

    /** Substance-use disorder treatment records under 42 CFR Part 2. */
    public boolean isPart2() {
        return SUBSTANCE_USE_CATEGORY.equals(category) || sensitivityLabels.contains("substanceUse");
    }

    public boolean isSensitive() {
        return !sensitivityLabels.isEmpty() || isPsychotherapyNotes() || isPart2();
    }
}
