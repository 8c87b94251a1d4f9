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

    @Property(tries = 300)
    void projectionGrantsReadExactlyToTheRecipientsTheEngineWouldPermit(@ForAll("authorizationSets") List<Authorization> auths,
                                                                        @ForAll("records") RecordFacts record,
                                                                        @ForAll("instants") Instant at) {
        ClaimantConsents consents = ClaimantConsents.of(CLAIMANT, auths);
        Set<ReaderGrant> grants = new ReadersProjection(engine).readersOf(record, consents, at);
        // Every person, entity and class that appears as a recipient, asked as itself or as a member of its group.
        Set<String> checked = new java.util.HashSet<>();
        for (Authorization a : auths) {
            Recipient r = a.recipient();
            if (!checked.add(r.authority())) {
                continue;
            }
            Principal asked = ReadersProjection.principalFor(r);
            boolean permitted = false;
            for (Purpose purpose : Purpose.values()) {
                permitted |= engine.decide(asked, Action.READ_CONTENT, record, purpose, at, consents).permitted();
            }
            boolean granted = grants.contains(new ReaderGrant(r.authority(), ReaderGrant.Level.READ));
            assertThat(granted).as(r + " granted vs permitted").isEqualTo(permitted && r.specificallyIdentified());
        }
        // And nobody outside the recipients gets anything.
        assertThat(grants).allSatisfy(g -> assertThat(g.authority().startsWith("GROUP_MEDCASE_") || checked.contains(g.authority()))
                .as("unexpected grant " + g).isTrue());
    }

    @Property(tries = 300)
    void aCompoundPsychotherapyAuthorizationNeverPermits(@ForAll("authorizationSets") List<Authorization> auths,
                                                         @ForAll("records") RecordFacts record, @ForAll("principals") Principal principal,
                                                         @ForAll("instants") Instant at,
                                                         @ForAll("otherKinds") AuthorizationKind other) {
        // 164.508(b)(3)(ii): every psychotherapy-notes form here is combined with another kind: all defective.
        List<Authorization> compound = auths.stream().map(a -> withKinds(a, AuthorizationKind.PSYCHOTHERAPY_NOTES, Set.of(other))).toList();
        for (Purpose purpose : Purpose.values()) {
            assertThat(engine.decide(principal, Action.READ_CONTENT, record, purpose, at, ClaimantConsents.of(CLAIMANT, compound))
                    .permitted()).isFalse();
        }
        // Mixed with valid forms, a compound one is never among the authorizations a permit cites.
        List<Authorization> mixed = new ArrayList<>(auths);
        mixed.add(withKinds(auths.get(0), AuthorizationKind.PSYCHOTHERAPY_NOTES, Set.of(other)).withId("COMPOUND"));
        AccessDecision d = engine.decide(principal, Action.READ_CONTENT, record, Purpose.LITIGATION, at, ClaimantConsents.of(CLAIMANT, mixed));
        assertThat(d.reasons()).doesNotContain("COMPOUND");
    }

    @Property(tries = 400)
    void aRestrictionNeverWidensAccess(@ForAll("authorizationSets") List<Authorization> auths, @ForAll("records") RecordFacts record,
                                       @ForAll("principals") Principal principal, @ForAll("instants") Instant at,
                                       @ForAll("indices") int which, @ForAll("restrictions") Provision restriction) {
        ClaimantConsents before = ClaimantConsents.of(CLAIMANT, auths);
        Authorization target = auths.get(which % auths.size());
        List<Provision> more = new ArrayList<>(target.provisions());
        more.add(restriction);
        Authorization restricted = new Authorization(target.id(), target.claimantId(), target.kind(), target.discloser(),
                target.recipient(), target.purposes(), more, target.informationDescription(), target.validFrom(), target.expiresAt(),
                target.expiryEvent(), target.signedOn(), target.signedBy(), target.representative(), target.representativeAuthority(),
                target.revocationRightStated(), target.revocation(), target.combinedWith(), target.expiryEventRecordedAt(),
                target.revocationProcedure(), target.nonConditioningStated(), target.redisclosureStated());
        ClaimantConsents after = before.with(restricted);
        for (Purpose purpose : List.of(Purpose.LITIGATION, Purpose.CLAIMS_ADJUDICATION)) {
            if (engine.decide(principal, Action.READ_CONTENT, record, purpose, at, after).permitted()) {
                assertThat(engine.decide(principal, Action.READ_CONTENT, record, purpose, at, before).permitted()).isTrue();
            }
        }
    }

    static Authorization withKinds(Authorization a, AuthorizationKind kind, Set<AuthorizationKind> others) {
        return new Authorization(a.id(), a.claimantId(), kind, a.discloser(), a.recipient(), a.purposes(), a.provisions(),
                a.informationDescription(), a.validFrom(), a.expiresAt(), a.expiryEvent(), a.signedOn(), a.signedBy(),
                a.representative(), a.representativeAuthority(), a.revocationRightStated(), a.revocation(), others,
                a.expiryEventRecordedAt(), a.revocationProcedure(), a.nonConditioningStated(), a.redisclosureStated());
    }

    @Provide
    Arbitrary<AuthorizationKind> otherKinds() {
        return Arbitraries.of(AuthorizationKind.GENERAL_HIPAA, AuthorizationKind.PART2_SUD);
    }

    @Provide
    Arbitrary<Provision> restrictions() {
        Arbitrary<LocalDate> day = Arbitraries.integers().between(0, 900).map(d -> LocalDate.of(2024, 1, 1).plusDays(d));
        return Combinators.combine(
                Arbitraries.of("clinicalNotes", "laboratory", "psychotherapyNotes", "substanceUseTreatment").set().ofMaxSize(2),
                Arbitraries.of("hiv", "genetic", "mentalHealth", "psychotherapy", "substanceUse").set().ofMaxSize(2),
                day.injectNull(0.5), Arbitraries.integers().between(0, 200).injectNull(0.3))
                .as((cats, labels, from, length) -> Provision.deny(cats, labels, from,
                        from == null || length == null ? null : from.plusDays(length)));
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
        return Combinators.combine(category, labels, day.injectNull(0.15)).as((c, l, d) -> new RecordFacts("R", CLAIMANT, c, l, d,
                d == null ? null : d.plusDays(1)));
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
                        unique.add(list.get(i).withId("A-" + i));
                    }
                    return unique;
                });
    }

    Arbitrary<Authorization> authorizations() {
        Arbitrary<Recipient> recipient = Arbitraries.oneOf(Arbitraries.of(PARTIES).map(Recipient::named),
                Arbitraries.of(GROUPS).map(Recipient::classOf), Arbitraries.of(GROUPS).map(Recipient::entity),
                Arbitraries.just(Recipient.openEndedClass("any attorney representing me")));
        Arbitrary<AuthorizationKind> kind = Arbitraries.of(AuthorizationKind.class);
        Arbitrary<Set<AuthorizationKind>> others = Arbitraries.oneOf(Arbitraries.just(Set.<AuthorizationKind>of()),
                Arbitraries.just(Set.<AuthorizationKind>of()), Arbitraries.of(AuthorizationKind.class).set().ofMaxSize(2));
        Arbitrary<Provision> provision = Combinators.combine(
                Arbitraries.of(Provision.Type.class),
                Arbitraries.of("clinicalNotes", "laboratory", "psychotherapyNotes", "substanceUseTreatment").set().ofMaxSize(2),
                Arbitraries.of("hiv", "genetic", "mentalHealth", "psychotherapy", "substanceUse").set().ofMaxSize(3))
                .as((type, cats, labels) -> new Provision(type, cats, labels, null, null));
        Arbitrary<Integer> signedDaysAfterStart = Arbitraries.integers().between(-30, 60);
        Arbitrary<List<Provision>> provisions = provision.list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<Set<Purpose>> purposes = Arbitraries.of(Purpose.class).set().ofMinSize(1).ofMaxSize(3);
        return Combinators.combine(recipient, kind, provisions, purposes, instants(), Arbitraries.integers().between(1, 800),
                        others, signedDaysAfterStart)
                .as((r, k, p, pu, from, days, o, signed) -> new Authorization("A", CLAIMANT, k, "d", r, pu, p, "info", from,
                        from.plusSeconds(days * 86400L), null,
                        LocalDate.ofInstant(from, java.time.ZoneOffset.UTC).plusDays(signed), "c", null, null, true, null,
                        o, null, "in writing", true, true));
    }
}
