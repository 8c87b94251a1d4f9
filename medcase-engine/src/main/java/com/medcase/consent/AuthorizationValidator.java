package com.medcase.consent;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Rejects an authorization that lacks a core element or a required statement of 45 CFR 164.508(c) or,
 * for Part 2, 42 CFR 2.31(a) (as amended in 2024), or that is defective under 164.508(b)(2). The
 * first fault is reported, by element name, with the rule and the fix.
 */
public final class AuthorizationValidator {

    /** How far in the future a receipt instant may be, for clocks a little apart. */
    private static final long CLOCK_SKEW_SECONDS = 5;

    public void validate(Authorization a) {
        String id = a.id() == null || a.id().isBlank() ? "(no id)" : a.id();
        require(a.id() != null && !a.id().isBlank(), id, "id", "MedCase", "give the authorization an identifier");
        require(notBlank(a.claimantId()), id, "claimant", "164.508(c)(1)", "name the claimant the information is about");
        require(a.kind() != null, id, "kind", "164.508", "state whether it is a general HIPAA, psychotherapy-notes or Part 2 authorization");
        require(!a.defectiveCompound(), id, "kind", "164.508(b)(3)(ii)",
                "an authorization for psychotherapy notes may be combined only with another authorization for psychotherapy "
                + "notes; use a separate form for " + a.kinds());
        require(notBlank(a.informationDescription()), id, "description",
                "164.508(c)(1)(i)", "describe the information to be disclosed in a specific and meaningful fashion");
        require(notBlank(a.discloser()), id, "discloser", "164.508(c)(1)(ii)", "name who is authorized to make the disclosure");
        require(a.recipient() != null && notBlank(a.recipient().authority()), id, "recipient",
                "164.508(c)(1)(iii)", "name the person or class of persons who may receive the information");
        require(a.recipient().specificallyIdentified(), id, "recipient",
                a.kinds().contains(AuthorizationKind.PART2_SUD) ? "42 CFR 2.31(a)(4)" : "164.508(c)(1)(iii)",
                "name the recipient person(s), an entity, or a specifically identified class of persons; an open-ended class ('"
                + a.recipient().authority() + "') is not enough");
        require(!a.purposes().isEmpty(), id, "purpose", "164.508(c)(1)(iv)", "state at least one purpose of the disclosure");
        require(!a.purposes().contains(Purpose.RECORDS_ADMINISTRATION), id, "purpose", "164.508(c)(1)(iv)",
                "records administration is the records team's own purpose, not one a claimant authorizes");
        require(a.expiresAt() != null || notBlank(a.expiryEvent()), id, "expiration",
                "164.508(c)(1)(v)", "add an expiry date or an expiry event");
        require(a.signedOn() != null, id, "signatureDate", "164.508(c)(1)(vi)", "record the date the authorization was signed");
        require(notBlank(a.signedBy()), id, "signature", "164.508(c)(1)(vi)", "record who signed it");
        require(a.representative() == null || notBlank(a.representativeAuthority()), id, "representativeAuthority",
                "164.508(c)(1)(vi)", "describe the representative's authority to act for the claimant");
        require(a.revocationRightStated(), id, "revocationRight", "164.508(c)(2)(i)",
                "the form must state the right to revoke; record that it does");
        require(notBlank(a.revocationProcedure()), id, "revocationProcedure", "164.508(c)(2)(i)",
                "record how to revoke as the form states it (or its reference to the notice of privacy practices)");
        require(Boolean.TRUE.equals(a.nonConditioningStated()), id, "nonConditioning", "164.508(c)(2)(ii)",
                "the form must state that treatment, payment, enrollment or eligibility is not conditioned on signing it");
        require(Boolean.TRUE.equals(a.redisclosureStated()), id, "redisclosure", "164.508(c)(2)(iii)",
                "the form must state that information disclosed may be redisclosed by the recipient and no longer be protected");
        require(a.provisions().stream().anyMatch(p -> p.type() == Provision.Type.PERMIT), id, "provision",
                "FHIR Consent.provision", "add at least one permit provision saying which records are covered");
        if (a.expiresAt() != null) {
            Instant signed = a.signedOn().atStartOfDay(ZoneOffset.UTC).toInstant();
            require(a.expiresAt().isAfter(signed), id, "expiration", "164.508(b)(2)(i)",
                    "the expiry (" + a.expiresAt() + ") is before the signature (" + a.signedOn() + ")");
            require(a.expiresAt().isAfter(a.effectiveFrom()), id, "expiration", "164.508(b)(2)(i)",
                    "the expiry must be after the start of validity");
        }
        if (a.kinds().contains(AuthorizationKind.PSYCHOTHERAPY_NOTES)) {
            boolean namesNotes = a.provisions().stream().anyMatch(p -> p.type() == Provision.Type.PERMIT
                    && (p.categories().contains(RecordFacts.PSYCHOTHERAPY_CATEGORY) || p.sensitivityLabels().contains("psychotherapy")));
            require(namesNotes, id, "provision", "164.508(a)(2)",
                    "a psychotherapy-notes authorization must name psychotherapy notes in a permit provision");
        }
    }

    /**
     * Checks a revocation can be recorded at {@code now}: it takes effect on receipt (164.508(b)(5)),
     * so it is effective exactly when received, received no later than now, and not already revoked.
     * A revocation dated before its receipt cannot even be built ({@link Revocation}).
     */
    public void validateRevocation(Authorization a, Revocation r, Instant now) {
        require(a.revocation() == null, a.id(), "revocation", "164.508(b)(5)", "it is already revoked");
        require(!r.receivedAt().isAfter(now.plusSeconds(CLOCK_SKEW_SECONDS)), a.id(), "revocation.receivedAt", "164.508(b)(5)",
                "a revocation cannot be received in the future (" + r.receivedAt() + ")");
        require(r.effectiveAt().equals(r.receivedAt()), a.id(), "revocation.effectiveAt", "164.508(b)(5)",
                "a revocation takes effect on receipt (" + r.receivedAt() + "), not at another instant");
        require(notBlank(r.recordedBy()), a.id(), "revocation.recordedBy", "164.508(b)(5)", "record who received the revocation");
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static void require(boolean ok, String id, String element, String rule, String fix) {
        if (!ok) {
            throw new InvalidAuthorizationException(id, element, rule, fix);
        }
    }
}
