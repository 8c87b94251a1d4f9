package com.medcase.consent;

import java.time.Instant;

/**
 * Rejects an authorization that lacks a core element required by 45 CFR 164.508(c) or, for Part 2,
 * 42 CFR 2.31(a). The first missing element is reported, by name, with the rule and the fix.
 */
public final class AuthorizationValidator {

    public void validate(Authorization a) {
        String id = a.id() == null || a.id().isBlank() ? "(no id)" : a.id();
        require(a.id() != null && !a.id().isBlank(), id, "id", "MedCase", "give the authorization an identifier");
        require(notBlank(a.claimantId()), id, "claimant", "164.508(c)(1)", "name the claimant the information is about");
        require(a.kind() != null, id, "kind", "164.508", "state whether it is a general HIPAA, psychotherapy-notes or Part 2 authorization");
        require(notBlank(a.informationDescription()), id, "description",
                "164.508(c)(1)(i)", "describe the information to be disclosed in a specific and meaningful fashion");
        require(notBlank(a.discloser()), id, "discloser", "164.508(c)(1)(ii)", "name who is authorized to make the disclosure");
        require(a.recipient() != null && notBlank(a.recipient().authority()), id, "recipient",
                "164.508(c)(1)(iii)", "name the person or class of persons who may receive the information");
        require(!a.purposes().isEmpty(), id, "purpose", "164.508(c)(1)(iv)", "state at least one purpose of the disclosure");
        require(a.expiresAt() != null || notBlank(a.expiryEvent()), id, "expiration",
                "164.508(c)(1)(v)", "add an expiry date or an expiry event");
        require(a.signedOn() != null, id, "signatureDate", "164.508(c)(1)(vi)", "record the date the authorization was signed");
        require(notBlank(a.signedBy()), id, "signature", "164.508(c)(1)(vi)", "record who signed it");
        require(a.representative() == null || notBlank(a.representativeAuthority()), id, "representativeAuthority",
                "164.508(c)(1)(vi)", "describe the representative's authority to act for the claimant");
        require(a.revocationRightStated(), id, "revocationRight", "164.508(c)(2)(i)",
                "the form must state the right to revoke; record that it does");
        require(a.provisions().stream().anyMatch(p -> p.type() == Provision.Type.PERMIT), id, "provision",
                "FHIR Consent.provision", "add at least one permit provision saying which records are covered");
        if (a.expiresAt() != null && a.validFrom() != null) {
            require(a.expiresAt().isAfter(a.validFrom()), id, "expiration", "164.508(b)(2)(i)",
                    "the expiry must be after the start of validity");
        }
        if (a.kind() == AuthorizationKind.PART2_SUD) {
            require(!a.recipient().partyClass(), id, "recipient", "42 CFR 2.31(a)(4)",
                    "a Part 2 consent must name the recipient; a class of parties is not enough");
        }
        if (a.kind() == AuthorizationKind.PSYCHOTHERAPY_NOTES) {
            boolean namesNotes = a.provisions().stream().anyMatch(p -> p.type() == Provision.Type.PERMIT
                    && (p.categories().contains(RecordFacts.PSYCHOTHERAPY_CATEGORY) || p.sensitivityLabels().contains("psychotherapy")));
            require(namesNotes, id, "provision", "164.508(a)(2)",
                    "a psychotherapy-notes authorization must name psychotherapy notes in a permit provision");
        }
    }

    /** Checks a revocation can be recorded now: revocations are never backdated. */
    public void validateRevocation(Authorization a, Revocation r, Instant now) {
        require(a.revocation() == null, a.id(), "revocation", "164.508(b)(5)", "it is already revoked");
        require(!r.effectiveAt().isBefore(now.minusSeconds(5)), a.id(), "revocation.effectiveAt", "164.508(b)(5)",
                "a revocation takes effect when recorded and cannot be backdated over disclosures already made");
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
