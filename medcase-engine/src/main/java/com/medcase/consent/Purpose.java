package com.medcase.consent;

/** Why information is requested; an authorization lists the purposes it allows. */
public enum Purpose {
    LITIGATION, CLAIMS_ADJUDICATION, INDEPENDENT_MEDICAL_EXAM, TREATMENT, PAYMENT, HEALTHCARE_OPERATIONS, RESEARCH, OTHER
}
