package com.medcase.consent;

/** Why information is requested; an authorization lists the purposes it allows. Every request states one. */
public enum Purpose {
    LITIGATION, CLAIMS_ADJUDICATION, INDEPENDENT_MEDICAL_EXAM, TREATMENT, PAYMENT, HEALTHCARE_OPERATIONS, RESEARCH, OTHER,
    /** The records team's own handling of a record: file, label, redact, produce. Never on an authorization. */
    RECORDS_ADMINISTRATION
}
