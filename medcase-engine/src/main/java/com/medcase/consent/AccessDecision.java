package com.medcase.consent;

import java.util.List;
import java.util.Set;

/**
 * The outcome of one access request, with the reasons: the authorization ids or rule ids that
 * decided it, and what must accompany a permitted disclosure.
 */
public record AccessDecision(Outcome outcome, List<String> reasons, Set<Obligation> obligations) {

    public enum Outcome { PERMIT, DENY }

    public enum Obligation {
        /** 42 CFR 2.32: every disclosure of Part 2 records carries the redisclosure notice. */
        PART2_REDISCLOSURE_NOTICE
    }

    /** The notice text 42 CFR 2.32(a)(1) requires with each Part 2 disclosure. */
    public static final String PART2_REDISCLOSURE_NOTICE_TEXT =
            "This record which has been disclosed to you is protected by federal confidentiality rules (42 CFR part 2). "
            + "The federal rules prohibit you from making any further disclosure of information in this record that "
            + "identifies a patient as having or having had a substance use disorder either directly, by reference to "
            + "publicly available information, or through verification of such identification by another person unless "
            + "further disclosure is expressly permitted by the written consent of the individual whose information is "
            + "being disclosed or as otherwise permitted by 42 CFR part 2. A general authorization for the release of "
            + "medical or other information is NOT sufficient for this purpose (see 2.31). The federal rules restrict "
            + "any use of the information to investigate or prosecute with regard to a crime any patient with a "
            + "substance use disorder, except as provided at 2.12(c)(5) and 2.65.";

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
