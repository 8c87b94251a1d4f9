package com.medcase.consent;

/** The legal form of an authorization; it decides which records it can ever cover. */
public enum AuthorizationKind {
    /** A HIPAA authorization (45 CFR 164.508(c)); never covers psychotherapy notes or Part 2 records. */
    GENERAL_HIPAA,
    /** The standalone authorization 45 CFR 164.508(a)(2) requires for psychotherapy notes. */
    PSYCHOTHERAPY_NOTES,
    /** A 42 CFR Part 2 consent (2.31) for substance-use disorder treatment records. */
    PART2_SUD
}
