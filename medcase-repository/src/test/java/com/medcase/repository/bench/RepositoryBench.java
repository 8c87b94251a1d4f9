package com.medcase.repository.bench;

import com.medcase.audit.InMemoryAuditLedger;
import com.medcase.consent.Authorization;
import com.medcase.consent.AuthorizationKind;
import com.medcase.consent.ClaimantConsents;
import com.medcase.consent.ConsentEngine;
import com.medcase.consent.Provision;
import com.medcase.consent.Purpose;
import com.medcase.consent.ReadersProjection;
import com.medcase.consent.Recipient;
import com.medcase.consent.Revocation;
import com.medcase.enforcement.EmbeddedRepositoryFixture;
import com.medcase.enforcement.RecordAccessEnforcer;
import com.medcase.model.MedCaseModel;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.NewCase;
import com.medcase.repository.NewRecord;
import com.medcase.repository.cmis.CmisRecordRepository;
import com.medcase.repository.embedded.EmbeddedCmisServerProcess;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bench command (not a test): records filed per second through the CMIS adapter into the embedded
 * repository process, on 1 and 4 threads, and the time to project ACLs over a case of 1,000 records
 * after a revocation. Run: ./mvnw -pl medcase-repository -Pbench test-compile exec:java
 */
public final class RepositoryBench {

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        try (EmbeddedCmisServerProcess server = EmbeddedRepositoryFixture.start()) {
            CmisRecordRepository repo = new CmisRecordRepository(server.serviceSettings("/MedCase"));
            repo.createClaimant("CL-B", Map.of(MedCaseModel.PROP_CLAIMANT_GIVEN_NAME, "Bench", MedCaseModel.PROP_CLAIMANT_FAMILY_NAME, "Mark",
                    MedCaseModel.PROP_DATE_OF_BIRTH, LocalDate.of(1970, 1, 1)));
            byte[] content = new byte[20 * 1024];
            // warm-up
            CaseFolder warm = repo.createCase(new NewCase("CLM-WARM", Map.of(MedCaseModel.PROP_CASE_TYPE, "other")));
            file(repo, warm, 200, 1, content);
            for (int threads : new int[]{1, 4}) {
                CaseFolder c = repo.createCase(new NewCase("CLM-T" + threads, Map.of(MedCaseModel.PROP_CASE_TYPE, "other",
                        MedCaseModel.PROP_CASE_CLAIMANT_ID, "CL-B")));
                long start = System.nanoTime();
                file(repo, c, records, threads, content);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("filing: %d records of 20 KiB, %d thread(s): %.0f records/s (%.2f s)%n", records, threads, records / seconds, seconds);
            }
            Authorization auth = new Authorization("A-B", "CL-B", AuthorizationKind.GENERAL_HIPAA, "Holder", Recipient.named("adjuster1"),
                    Set.of(Purpose.LITIGATION), List.of(Provision.permit(Set.of("clinicalNotes"), Set.of(), null, null)), "records",
                    Instant.now().minusSeconds(60), Instant.now().plusSeconds(86_400), null, LocalDate.now(), "c", null, null, true, null);
            AtomicReference<Authorization> current = new AtomicReference<>(auth);
            CaseFolder only = repo.createCase(new NewCase("CLM-ACL", Map.of(MedCaseModel.PROP_CASE_TYPE, "other",
                    MedCaseModel.PROP_CASE_CLAIMANT_ID, "CL-B2")));
            file(repo, only, 1000, 4, content);
            RecordAccessEnforcer enforcer = new RecordAccessEnforcer(repo, new ReadersProjection(new ConsentEngine()),
                    claimant -> ClaimantConsents.of(claimant, List.of(withClaimant(current.get(), claimant))), id -> Set.of(),
                    new InMemoryAuditLedger(Clock.systemUTC()), Clock.systemUTC());
            Authorization forCase = withClaimant(auth, "CL-B2");
            long t0 = System.nanoTime();
            int n = enforcer.reprojectAfter(forCase, RecordAccessEnforcer.Actor.user("bench"));
            System.out.printf("ACL projection (grant): %d records in %.2f s%n", n, (System.nanoTime() - t0) / 1e9);
            current.set(auth.revoke(new Revocation(Instant.now(), "bench", "bench")));
            long t1 = System.nanoTime();
            n = enforcer.reprojectAfter(withClaimant(current.get(), "CL-B2"), RecordAccessEnforcer.Actor.user("bench"));
            System.out.printf("ACL projection (revocation): %d records in %.2f s%n", n, (System.nanoTime() - t1) / 1e9);
        }
    }

    static Authorization withClaimant(Authorization a, String claimant) {
        return new Authorization(a.id(), claimant, a.kind(), a.discloser(), a.recipient(), a.purposes(), a.provisions(), a.informationDescription(),
                a.validFrom(), a.expiresAt(), a.expiryEvent(), a.signedOn(), a.signedBy(), a.representative(), a.representativeAuthority(),
                a.revocationRightStated(), a.revocation());
    }

    static void file(CmisRecordRepository repo, CaseFolder c, int count, int threads, byte[] content) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            futures.add(pool.submit(() -> repo.fileRecord(c.id(), new NewRecord("r-" + n + ".pdf", "application/pdf", content,
                    Map.of(MedCaseModel.PROP_RECORD_CATEGORY, "clinicalNotes", MedCaseModel.PROP_SHA256, String.format("%064x", n)), Map.of()))));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
    }
}
