package com.medcase.consent;

import java.time.LocalDate;
import java.util.Set;

/**
 * One permit or deny rule of an authorization, like a FHIR Consent provision. Empty sets mean "any";
 * a null bound of the service period means open-ended. The two types read uncertainty in opposite
 * directions, so that it never widens access: a PERMIT covers a record only when the record is shown
 * to be inside it (labels named, dates known and inside the period); a DENY (the claimant's
 * restriction) covers every record that may be inside it (any shared label, a period that overlaps,
 * or unknown dates).
 */
public record Provision(Type type, Set<String> categories, Set<String> sensitivityLabels,
                        LocalDate serviceFrom, LocalDate serviceTo) {

    public enum Type { PERMIT, DENY }

    public Provision {
        categories = Set.copyOf(categories);
        sensitivityLabels = Set.copyOf(sensitivityLabels);
    }

    public static Provision permit(Set<String> categories, Set<String> labels, LocalDate from, LocalDate to) {
        return new Provision(Type.PERMIT, categories, labels, from, to);
    }

    public static Provision deny(Set<String> categories, Set<String> labels) {
        return new Provision(Type.DENY, categories, labels, null, null);
    }

    /** A restriction limited to a period of service: it covers every record overlapping it, and undated ones. */
    public static Provision deny(Set<String> categories, Set<String> labels, LocalDate from, LocalDate to) {
        return new Provision(Type.DENY, categories, labels, from, to);
    }

    /** Matches under the default labels that must be named ({@link SensitivityLabelPolicy#DEFAULT_EXPLICIT_LABELS}). */
    boolean matches(RecordFacts record) {
        return matches(record, SensitivityLabelPolicy.DEFAULT_EXPLICIT_LABELS);
    }

    /**
     * @param explicitLabels the labels a permit must name to cover a record that carries them (per jurisdiction)
     */
    boolean matches(RecordFacts record, Set<String> explicitLabels) {
        if (!categories.isEmpty() && !categories.contains(record.category())) {
            return false;
        }
        if (type == Type.DENY) {
            // A restriction triggers on any label it shares with the record, and on any record whose
            // period overlaps its own or is unknown: uncertainty never widens access.
            if (!sensitivityLabels.isEmpty() && record.sensitivityLabels().stream().noneMatch(sensitivityLabels::contains)) {
                return false;
            }
            return overlapsServicePeriod(record);
        }
        // PERMIT: every label of the record that must be named explicitly must be named here
        // (45 CFR 164.508(c)(1)(i) "specific and meaningful"); a permit naming no labels covers none of them.
        for (String label : record.sensitivityLabels()) {
            if (explicitLabels.contains(label) && !sensitivityLabels.contains(label)) {
                return false;
            }
        }
        return withinServicePeriod(record);
    }

    /** A permit covers a record only when the record's dates are known and fall inside its period. */
    private boolean withinServicePeriod(RecordFacts record) {
        if (serviceFrom == null && serviceTo == null) {
            return true;
        }
        LocalDate recordFrom = record.serviceFrom();
        LocalDate recordTo = record.serviceTo() != null ? record.serviceTo() : recordFrom;
        if (recordFrom == null) {
            return false; // unknown dates cannot be shown to fall inside a limited period
        }
        return (serviceFrom == null || !recordFrom.isBefore(serviceFrom))
                && (serviceTo == null || !recordTo.isAfter(serviceTo));
    }

    /** A restriction applies to a record that overlaps its period at all, or whose dates are unknown. */
    private boolean overlapsServicePeriod(RecordFacts record) {
        if (serviceFrom == null && serviceTo == null) {
            return true;
        }
        LocalDate recordFrom = record.serviceFrom() != null ? record.serviceFrom() : record.serviceTo();
        LocalDate recordTo = record.serviceTo() != null ? record.serviceTo() : recordFrom;
        if (recordFrom == null) {
            return true;
        }
        return (serviceTo == null || !recordFrom.isAfter(serviceTo))
                && (serviceFrom == null || !recordTo.isBefore(serviceFrom));
    }
}
