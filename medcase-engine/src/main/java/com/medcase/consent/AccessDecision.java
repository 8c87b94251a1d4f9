package com.medcase.consent;

import java.util.List;
import java.util.Set;

/**
 * The outcome of one access request, with the reasons: the authorization ids or rule ids that
 * decided it, and what must accompany a permitted disclosure. On PERMIT under authorizations, the
 * reasons are the ids of every authorization that permits.
 */
public record AccessDecision(Outcome outcome, List<String> reasons, Set<Obligation> obligations) {

    public enum Outcome { PERMIT, DENY }

    public enum Obligation {
        /**
         * 42 CFR 2.32(a) as amended in 2024: every disclosure of Part 2 records carries the current notice,
         * the full statement ({@link #PART2_REDISCLOSURE_NOTICE_TEXT}) or the abbreviated one
         * ({@link #PART2_REDISCLOSURE_NOTICE_ABBREVIATED_TEXT}).
         */
        PART2_REDISCLOSURE_NOTICE,
        /**
         * 42 CFR 2.32(b) as amended in 2024: each disclosure made with the patient's written consent is
         * accompanied by a copy of the consent (the authorizations named in the reasons) or a clear
         * explanation of its scope.
         */
        PART2_CONSENT_COPY
    }

    /** The full notice 42 CFR 2.32(a)(1) (as amended, 89 FR 12472) requires with each Part 2 disclosure. */
    public static final String PART2_REDISCLOSURE_NOTICE_TEXT =
            "This record which has been disclosed to you is protected by Federal confidentiality rules (42 CFR part 2). "
            + "These rules prohibit you from using or disclosing this record, or testimony that describes the information "
            + "contained in this record, in any civil, criminal, administrative, or legislative proceedings by any Federal, "
            + "State, or local authority, against the patient, unless authorized by the consent of the patient, except as "
            + "provided at 42 CFR 2.12(c)(5) or as authorized by a court in accordance with 42 CFR 2.64 or 2.65. In addition, "
            + "the Federal rules prohibit you from making any other use or disclosure of this record unless at least one of "
            + "the following applies: (i) Further use or disclosure is expressly permitted by the written consent of the "
            + "individual whose information is being disclosed in this record or as otherwise permitted by 42 CFR part 2. "
            + "(ii) You are a covered entity or business associate and have received the record for treatment, payment, or "
            + "health care operations, or (iii) You have received the record from a covered entity or business associate as "
            + "permitted by 45 CFR part 164, subparts A and E. A general authorization for the release of medical or other "
            + "information is NOT sufficient to meet the required elements of written consent to further use or redisclose "
            + "the record (see 42 CFR 2.31).";

    /** The abbreviated notice 42 CFR 2.32(a)(2) allows in its place. */
    public static final String PART2_REDISCLOSURE_NOTICE_ABBREVIATED_TEXT =
            "42 CFR part 2 prohibits unauthorized use or disclosure of these records.";

    public AccessDecision {
        reasons = List.copyOf(reasons);
        obligations = Set.copyOf(obligations);
    }

    static AccessDecision deny(String reason) {
        return new AccessDecision(Outcome.DENY, List.of(reason), Set.of());
    }

    public boolean permitted() {
        return outcome == Outcome.PERMIT;
    }
}
