package com.medcase.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** Valid authorizations and records to vary in tests. */
final class Fixtures {

    static final String CLAIMANT = "CL-1";
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final Instant EXPIRY = Instant.parse("2027-01-01T00:00:00Z");
    static final LocalDate SIGNED = LocalDate.of(2025, 12, 20);
    static final String HOW_TO_REVOKE = "Write to the records holder; see the notice of privacy practices";

    private Fixtures() {
    }

    static Authorization general(String id, Recipient recipient, Provision... provisions) {
        return authorization(id, AuthorizationKind.GENERAL_HIPAA, recipient, provisions);
    }

    static Authorization authorization(String id, AuthorizationKind kind, Recipient recipient, Provision... provisions) {
        return combined(id, kind, Set.of(), recipient, provisions);
    }

    /** A form carrying {@code kind} and the {@code others} together. */
    static Authorization combined(String id, AuthorizationKind kind, Set<AuthorizationKind> others, Recipient recipient,
                                  Provision... provisions) {
        return new Authorization(id, CLAIMANT, kind, "Records holder", recipient,
                Set.of(Purpose.LITIGATION, Purpose.CLAIMS_ADJUDICATION), List.of(provisions),
                "Medical records relating to the claimed injury", T0, EXPIRY, null,
                SIGNED, "Claimant", null, null, true, null,
                others, null, HOW_TO_REVOKE, true, true);
    }

    static Authorization withDates(Authorization a, Instant validFrom, Instant expiresAt, String expiryEvent, LocalDate signedOn) {
        return new Authorization(a.id(), a.claimantId(), a.kind(), a.discloser(), a.recipient(), a.purposes(), a.provisions(),
                a.informationDescription(), validFrom, expiresAt, expiryEvent, signedOn, a.signedBy(), a.representative(),
                a.representativeAuthority(), a.revocationRightStated(), a.revocation(), a.combinedWith(),
                a.expiryEventRecordedAt(), a.revocationProcedure(), a.nonConditioningStated(), a.redisclosureStated());
    }

    static Provision permitAll() {
        return Provision.permit(Set.of(), Set.of(), null, null);
    }

    static Provision permit(String category, String... labels) {
        return Provision.permit(category.isEmpty() ? Set.of() : Set.of(category), Set.of(labels), null, null);
    }

    static RecordFacts record(String category, String... labels) {
        return new RecordFacts("R-" + category, CLAIMANT, category, Set.of(labels),
                LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 2));
    }
}
