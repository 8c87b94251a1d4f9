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

    private Fixtures() {
    }

    static Authorization general(String id, Recipient recipient, Provision... provisions) {
        return authorization(id, AuthorizationKind.GENERAL_HIPAA, recipient, provisions);
    }

    static Authorization authorization(String id, AuthorizationKind kind, Recipient recipient, Provision... provisions) {
        return new Authorization(id, CLAIMANT, kind, "Records holder", recipient,
                Set.of(Purpose.LITIGATION, Purpose.CLAIMS_ADJUDICATION), List.of(provisions),
                "Medical records relating to the claimed injury", T0, EXPIRY, null,
                LocalDate.of(2025, 12, 20), "Claimant", null, null, true, null);
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
