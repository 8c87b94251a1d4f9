package com.medcase.consent;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariants over random authorizations, records and instants. */
class ConsentInvariantsProperties {

    static final String CLAIMANT = Fixtures.CLAIMANT;
    static final List<String> PARTIES = List.of("p1", "p2", "p3");
    static final List<String> GROUPS = List.of("GROUP_A", "GROUP_B");
    final ConsentEngine engine = new ConsentEngine();

    @Property(tries = 300)
    void revocationNeverWidensAccess(@ForAll("authorizationSets") List<Authorization> auths, @ForAll("records") RecordFacts record,
                                     @ForAll("principals") Principal principal, @ForAll("instants") Instant at,
                                     @ForAll("instants") Instant revokedAt, @ForAll("indices") int which) {
        ClaimantConsents before = ClaimantConsents.of(CLAIMANT, auths);
        Authorization target = auths.get(which % auths.size());
        ClaimantConsents after = before.with(target.revoke(new Revocation(revokedAt, "m", "test")));
        boolean permittedAfter = engine.decide(principal, Action.READ_CONTENT, record, Purpose.LITIGATION, at, after).permitted();
        if (permittedAfter) {
            assertThat(engine.decide(principal, Action.READ_CONTENT, record, Purpose.LITIGATION, at, before).permitted()).isTrue();
        }
    }

    @Property(tries = 300)
    void denyAlwaysWins(@ForAll("authorizationSets") List<Authorization> auths, @ForAll("records") RecordFacts record,
                        @ForAll("principals") Principal principal, @ForAll("instants") Instant at) {
        List<Authorization> withDeny = new ArrayList<>(auths);
        // A deny for everything, addressed to the principal itself, active for the whole test range.
        withDeny.add(new Authorization("DENY-ALL", CLAIMANT, kindFor(record), "d", Recipient.named(principal.id()),
                Set.of(Purpose.values()), List.of(Provision.permit(Set.of(), Set.of(), null, null), Provision.deny(Set.of(), Set.of())),
                "all", Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), null, LocalDate.EPOCH, "c", null, null, true, null));
        assertThat(engine.decide(principal, Action.READ_CONTENT, record, Purpose.LITIGATION, at,
                ClaimantConsents.of(CLAIMANT, withDeny)).permitted()).isFalse();
    }

    @Property(tries = 300)
    void expiryAtTMeansDeniedAtT(@ForAll("authorizationSets") List<Authorization> auths, @ForAll("records") RecordFacts record,
                                 @ForAll("principals") Principal principal, @ForAll("instants") Instant t) {
        List<Authorization> expired = auths.stream().map(a -> a.expireAt(t)).toList();
        assertThat(engine.decide(principal, Action.READ_CONTENT, record, Purpose.LITIGATION, t,
                ClaimantConsents.of(CLAIMANT, expired)).permitted()).isFalse();
    }

    @Property(tries = 200)
    void projectionGrantsReadExactlyToThoseTheEngineWouldPermit(@ForAll("authorizationSets") List<Authorization> auths,
                                                               @ForAll("records") RecordFacts record, @ForAll("instants") Instant at) {
        ClaimantConsents consents = ClaimantConsents.of(CLAIMANT, auths);
        Set<ReaderGrant> grants = new ReadersProjection(engine).readersOf(record, consents, at);
        for (String party : PARTIES) {
            boolean permitted = engine.decide(Principal.outsideParty(party), Action.READ_CONTENT, record, null, at, consents).permitted();
            assertThat(grants.contains(new ReaderGrant(party, ReaderGrant.Level.READ))).as(party).isEqualTo(permitted);
        }
    }

    static AuthorizationKind kindFor(RecordFacts r) {
        return r.isPart2() ? AuthorizationKind.PART2_SUD : r.isPsychotherapyNotes() ? AuthorizationKind.PSYCHOTHERAPY_NOTES : AuthorizationKind.GENERAL_HIPAA;
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(0, 3 * 365 * 24 * 3600L).map(s -> Instant.parse("2025-06-01T00:00:00Z").plusSeconds(s));
    }

    @Provide
    Arbitrary<Integer> indices() {
        return Arbitraries.integers().between(0, 100);
    }

    @Provide
    Arbitrary<RecordFacts> records() {
        Arbitrary<String> category = Arbitraries.of("clinicalNotes", "laboratory", "psychotherapyNotes", "substanceUseTreatment", "imaging");
        Arbitrary<Set<String>> labels = Arbitraries.of("hiv", "genetic", "mentalHealth").set().ofMaxSize(2);
        Arbitrary<LocalDate> day = Arbitraries.integers().between(0, 900).map(d -> LocalDate.of(2024, 1, 1).plusDays(d));
        return Combinators.combine(category, labels, day).as((c, l, d) -> new RecordFacts("R", CLAIMANT, c, l, d, d.plusDays(1)));
    }

    @Provide
    Arbitrary<Principal> principals() {
        return Combinators.combine(Arbitraries.of(PARTIES), Arbitraries.of(GROUPS).set().ofMaxSize(2))
                .as((id, groups) -> new Principal(id, Principal.Role.OUTSIDE_PARTY, groups));
    }

    @Provide
    Arbitrary<List<Authorization>> authorizationSets() {
        return authorizations().list().ofMinSize(1).ofMaxSize(6)
                .map(list -> {
                    List<Authorization> unique = new ArrayList<>();
                    for (int i = 0; i < list.size(); i++) {
                        Authorization a = list.get(i);
                        unique.add(new Authorization("A-" + i, a.claimantId(), a.kind(), a.discloser(), a.recipient(), a.purposes(),
                                a.provisions(), a.informationDescription(), a.validFrom(), a.expiresAt(), a.expiryEvent(), a.signedOn(),
                                a.signedBy(), a.representative(), a.representativeAuthority(), a.revocationRightStated(), a.revocation()));
                    }
                    return unique;
                });
    }

    Arbitrary<Authorization> authorizations() {
        Arbitrary<Recipient> recipient = Arbitraries.oneOf(Arbitraries.of(PARTIES).map(Recipient::named), Arbitraries.of(GROUPS).map(Recipient::classOf));
        Arbitrary<AuthorizationKind> kind = Arbitraries.of(AuthorizationKind.class);
        Arbitrary<Provision> provision = Combinators.combine(
                Arbitraries.of(Provision.Type.class),
                Arbitraries.of("clinicalNotes", "laboratory", "psychotherapyNotes", "substanceUseTreatment").set().ofMaxSize(2),
                Arbitraries.of("hiv", "genetic", "mentalHealth", "psychotherapy", "substanceUse").set().ofMaxSize(3))
                .as((type, cats, labels) -> new Provision(type, cats, labels, null, null));
        Arbitrary<List<Provision>> provisions = provision.list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<Set<Purpose>> purposes = Arbitraries.of(Purpose.class).set().ofMinSize(1).ofMaxSize(3);
        return Combinators.combine(recipient, kind, provisions, purposes, instants(), Arbitraries.integers().between(1, 800))
                .as((r, k, p, pu, from, days) -> new Authorization("A", CLAIMANT, k, "d", r, pu, p, "info", from,
                        from.plusSeconds(days * 86400L), null, LocalDate.of(2025, 1, 1), "c", null, null, true, null));
    }
}
