package com.medcase.enforcement;

import com.medcase.audit.InMemoryAuditLedger;
import com.medcase.consent.Authorization;
import com.medcase.consent.AuthorizationKind;
import com.medcase.consent.ClaimantConsents;
import com.medcase.consent.ConsentEngine;
import com.medcase.consent.Provision;
import com.medcase.consent.Purpose;
import com.medcase.consent.Recipient;
import com.medcase.consent.Revocation;
import com.medcase.model.MedCaseModel;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.NewCase;
import com.medcase.repository.NewRecord;
import com.medcase.repository.StoredRecord;
import com.medcase.repository.alfresco.AlfrescoHolds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

import static com.medcase.enforcement.EmbeddedRepositoryFixture.ADJUSTER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revocation over a whole case of {@code medcase.test.scale} records (10,000 by default): the group is
 * emptied and the recipient is refused on records spread across the case, and is gone from the
 * authorities search filters with, with no record's ACL touched (the revocation is one membership
 * change whatever the case size). The figures are printed, not asserted: speed is the bench's job.
 */
class RevocationAtScaleTest {

    @TempDir
    Path home;

    @Test
    void revokingOverAWholeCaseRefusesTheRecipientEverywhereWithOneMembershipChange() throws Exception {
        int scale = Integer.getInteger("medcase.test.scale", 10_000);
        AtomicReference<Authorization> current = new AtomicReference<>();
        try (EmbeddedRepositoryFixture fixture = new EmbeddedRepositoryFixture(home);
             RecordAccessEnforcer enforcer = new RecordAccessEnforcer(fixture.repository, fixture.authorities, new AlfrescoHolds(fixture.http),
                     new ConsentEngine(), claimant -> ClaimantConsents.of(claimant, current.get() == null ? List.of() : List.of(current.get())),
                     new InMemoryAuditLedger(Clock.systemUTC()), Clock.systemUTC(), 4)) {
            GovernedRecordRepository repo = new GovernedRecordRepository(fixture.repository, enforcer);
            fixture.repository.createClaimant("CL-S", Map.of(MedCaseModel.PROP_CLAIMANT_GIVEN_NAME, "Scale", MedCaseModel.PROP_CLAIMANT_FAMILY_NAME,
                    "Test", MedCaseModel.PROP_DATE_OF_BIRTH, LocalDate.of(1975, 4, 4)));
            CaseFolder c = repo.createCase(new NewCase("CLM-S", Map.of(MedCaseModel.PROP_CASE_TYPE, "other", MedCaseModel.PROP_CASE_CLAIMANT_ID, "CL-S")));
            long t0 = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<StoredRecord>> filed = new ArrayList<>();
            byte[] content = "clinical note".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < scale; i++) {
                int n = i;
                filed.add(pool.submit(() -> repo.fileRecord(c.id(), new NewRecord("n-" + n + ".txt", "text/plain", content,
                        Map.of(MedCaseModel.PROP_RECORD_CATEGORY, "clinicalNotes", MedCaseModel.PROP_SHA256, String.format("%064x", n)), Map.of()))));
            }
            List<StoredRecord> records = new ArrayList<>();
            for (Future<StoredRecord> f : filed) {
                records.add(f.get());
            }
            pool.shutdown();
            double filing = (System.nanoTime() - t0) / 1e9;

            Authorization auth = new Authorization("A-S", "CL-S", AuthorizationKind.GENERAL_HIPAA, "Holder", Recipient.named(ADJUSTER),
                    Set.of(Purpose.LITIGATION), List.of(Provision.permit(Set.of("clinicalNotes"), Set.of(), null, null)), "notes",
                    Instant.now().minusSeconds(60), Instant.now().plusSeconds(86_400), null, LocalDate.now(), "Claimant", null, null, true, null);
            current.set(auth);
            long t1 = System.nanoTime();
            assertThat(enforcer.reprojectAfter(auth, RecordAccessEnforcer.Actor.user("test")).records()).isEqualTo(scale);
            double grant = (System.nanoTime() - t1) / 1e9;
            List<StoredRecord> sample = new ArrayList<>();
            for (int i = 0; i < records.size(); i += Math.max(1, records.size() / 50)) {
                sample.add(records.get(i));
            }
            for (StoredRecord r : sample) {
                assertThat(fixture.as(ADJUSTER, "GET", "/nodes/" + r.id() + "/content", null).status()).isEqualTo(200);
            }
            var aclBefore = fixture.repository.readAccess(sample.get(sample.size() / 2).id());

            long t2 = System.nanoTime();
            current.set(auth.revoke(new Revocation(Instant.now(), "test", "withdrawn")));
            enforcer.emptyGroup(auth.id());
            double revoke = (System.nanoTime() - t2) / 1e9;
            for (StoredRecord r : sample) {
                assertThat(fixture.as(ADJUSTER, "GET", "/nodes/" + r.id() + "/content", null).status()).as(r.name()).isEqualTo(403);
            }
            assertThat(fixture.authorities.groupsOf(ADJUSTER)).as("what search filters with").doesNotContain(RecordAccessEnforcer.groupOf("A-S"));
            assertThat(fixture.repository.readAccess(sample.get(sample.size() / 2).id())).as("no ACL was touched").isEqualTo(aclBefore);
            System.out.printf("revocation at scale: %d records filed in %.1f s, granted in %.1f s, revoked (group emptied) in %.3f s%n",
                    scale, filing, grant, revoke);
        }
    }
}
