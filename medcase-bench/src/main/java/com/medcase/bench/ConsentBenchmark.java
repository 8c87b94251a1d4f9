package com.medcase.bench;

import com.medcase.consent.AccessDecision;
import com.medcase.consent.Action;
import com.medcase.consent.Authorization;
import com.medcase.consent.AuthorizationKind;
import com.medcase.consent.ClaimantConsents;
import com.medcase.consent.ConsentEngine;
import com.medcase.consent.Principal;
import com.medcase.consent.Provision;
import com.medcase.consent.Purpose;
import com.medcase.consent.ReaderGrant;
import com.medcase.consent.ReadersProjection;
import com.medcase.consent.Recipient;
import com.medcase.consent.RecordFacts;
import com.medcase.consent.Revocation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Access decisions on a claimant with 50 authorizations (target: well above 1M/s on one core), and
 * re-projecting one revoked authorization over a case of 10,000 records.
 */
@State(Scope.Benchmark)
public class ConsentBenchmark {

    static final String CLAIMANT = "CL-1";
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final String[] CATEGORIES = {"clinicalNotes", "imaging", "laboratory", "billing", "correspondence"};

    ConsentEngine engine;
    ClaimantConsents consents;
    ClaimantConsents afterRevocation;
    Authorization revoked;
    Principal adjuster;
    RecordFacts imaging;
    List<RecordFacts> caseRecords;
    ReadersProjection projection;

    @Setup
    public void setUp() {
        engine = new ConsentEngine();
        projection = new ReadersProjection(engine);
        List<Authorization> auths = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            // 50 authorizations across 20 parties and 5 party classes, different categories and windows.
            Recipient recipient = i % 5 == 0 ? Recipient.classOf("GROUP_FIRM_" + (i % 25)) : Recipient.named("party" + (i % 20));
            auths.add(new Authorization("A-" + i, CLAIMANT, AuthorizationKind.GENERAL_HIPAA, "Holder", recipient,
                    Set.of(Purpose.LITIGATION, Purpose.CLAIMS_ADJUDICATION),
                    List.of(Provision.permit(Set.of(CATEGORIES[i % CATEGORIES.length]), Set.of(), LocalDate.of(2020, 1, 1), null),
                            Provision.deny(Set.of(), Set.of("hiv"))),
                    "records", Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2028-01-01T00:00:00Z"), null,
                    LocalDate.of(2025, 12, 1), "Claimant", null, null, true, null));
        }
        consents = ClaimantConsents.of(CLAIMANT, auths);
        adjuster = Principal.outsideParty("party1", "GROUP_FIRM_5");
        imaging = new RecordFacts("R-1", CLAIMANT, "imaging", Set.of(), LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 1));
        caseRecords = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            caseRecords.add(new RecordFacts("R-" + i, CLAIMANT, CATEGORIES[i % CATEGORIES.length], Set.of(),
                    LocalDate.of(2025, 1, 1).plusDays(i % 300), null));
        }
        revoked = auths.get(1).revoke(new Revocation(NOW.minusSeconds(60), "m.jones", "claimant letter"));
        afterRevocation = consents.with(revoked);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public AccessDecision decideOneRequest() {
        return engine.decide(adjuster, Action.READ_CONTENT, imaging, Purpose.LITIGATION, NOW, consents);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Map<String, Set<ReaderGrant>> reprojectRevocationOver10kRecords() {
        return projection.reproject(revoked, afterRevocation, caseRecords, NOW);
    }
}
