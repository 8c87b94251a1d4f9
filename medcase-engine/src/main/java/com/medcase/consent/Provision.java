package com.medcase.consent;

import java.time.LocalDate;
import java.util.Set;

/**
 * One permit or deny rule of an authorization, like a FHIR Consent provision. Empty sets mean "any";
 * a null bound of the service period means open-ended. A provision matches a record when every
 * restriction it states matches.
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

    boolean matches(RecordFacts record) {
        if (!categories.isEmpty() && !categories.contains(record.category())) {
            return false;
        }
        if (!sensitivityLabels.isEmpty()) {
            // PERMIT: every label the record carries must be covered. DENY: any shared label triggers it.
            boolean labelMatch = type == Type.PERMIT
                    ? sensitivityLabels.containsAll(record.sensitivityLabels())
                    : record.sensitivityLabels().stream().anyMatch(sensitivityLabels::contains);
            if (!labelMatch) {
                return false;
            }
        } else if (type == Type.PERMIT && !record.sensitivityLabels().isEmpty()) {
            // A permit that names no labels covers only unlabelled records: sensitive information
            // must be named in the authorization (45 CFR 164.508(c)(1)(i) "specific and meaningful").
            return false;
        }
        return withinServicePeriod(record);
    }

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
}
