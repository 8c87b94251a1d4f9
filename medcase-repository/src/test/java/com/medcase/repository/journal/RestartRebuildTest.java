package com.medcase.repository.journal;

import com.medcase.audit.InMemoryAuditLedger;
import com.medcase.consent.Authorization;
import com.medcase.consent.AuthorizationKind;
import com.medcase.consent.ClaimantConsents;
import com.medcase.consent.ConsentEngine;
import com.medcase.consent.Principal;
import com.medcase.consent.Provision;
import com.medcase.consent.Purpose;
import com.medcase.consent.ReadersProjection;
import com.medcase.consent.Recipient;
import com.medcase.enforcement.EmbeddedRepositoryFixture;
import com.medcase.enforcement.RecordAccessEnforcer;
import com.medcase.hold.InMemoryHoldRepository;
import com.medcase.hold.LegalHold;
import com.medcase.hold.LegalHolds;
import com.medcase.model.MedCaseModel;
import com.medcase.repository.AccessProjection;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.NewCase;
import com.medcase.repository.NewRecord;
import com.medcase.repository.RecordHeldException;
import com.medcase.repository.StoredRecord;
import com.medcase.repository.cmis.CmisRecordRepository;
import com.medcase.repository.embedded.EmbeddedCmisServerProcess;
import com.medcase.store.TestDatabase;
import org.apache.chemistry.opencmis.client.api.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Kill the in-memory repository process, start a new one, rebuild: nothing lost. */
class RestartRebuildTest {

    @TempDir
    Path dir;

    @Test
    void recordsContentAclsAndHoldsSurviveARepositoryCrash() throws Exception {
        Authorization auth = new Authorization("A-1", "CL-9", AuthorizationKind.GENERAL_HIPAA, "Holder",
                Recipient.named(EmbeddedRepositoryFixture.ADJUSTER), Set.of(Purpose.LITIGATION),
                List.of(Provision.permit(Set.of("clinicalNotes"), Set.of(), null, null)), "records", Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(86_400), null, LocalDate.now(), "Claimant", null, null, true, null);
        InMemoryAuditLedger ledger = new InMemoryAuditLedger(Clock.systemUTC());
        LegalHolds holds = new LegalHolds(new InMemoryHoldRepository(), ledger, Clock.systemUTC());
        Principal admin = Principal.recordsTeam(EmbeddedRepositoryFixture.HOLD_ADMIN, Principal.Role.LEGAL_HOLD_ADMINISTRATOR);
        Map<String, String> hashes = new HashMap<>();
        String heldId;
        String caseId;
        String destroyedId;

        try (TestDatabase db = TestDatabase.h2(dir.resolve("db"), "classpath:db/migration/repository")) {
            EmbeddedCmisServerProcess first = EmbeddedRepositoryFixture.start();
            JournalingRecordRepository repo = new JournalingRecordRepository(new CmisRecordRepository(first.serviceSettings("/MedCase")),
                    db.dataSource(), dir.resolve("content"));
            RecordAccessEnforcer enforcer = enforcer(repo, auth, holds, ledger);
            repo.createClaimant("CL-9", Map.of(MedCaseModel.PROP_CLAIMANT_GIVEN_NAME, "Ana", MedCaseModel.PROP_CLAIMANT_FAMILY_NAME, "Quinn",
                    MedCaseModel.PROP_DATE_OF_BIRTH, LocalDate.of(1979, 2, 3)));
            CaseFolder c = repo.createCase(new NewCase("CLM-9", Map.of(MedCaseModel.PROP_CASE_TYPE, "disability",
                    MedCaseModel.PROP_CASE_CLAIMANT_ID, "CL-9")));
            caseId = c.id();
            for (int i = 0; i < 5; i++) {
                StoredRecord r = repo.fileRecord(c.id(), new NewRecord("note-" + i + ".txt", "text/plain",
                        ("note " + i).getBytes(StandardCharsets.UTF_8), Map.of(MedCaseModel.PROP_RECORD_CATEGORY, "clinicalNotes"), Map.of()));
                hashes.put(r.id(), (String) r.properties().get(MedCaseModel.PROP_SHA256));
            }
            enforcer.reprojectAfter(auth, RecordAccessEnforcer.Actor.user("m.jones"));
            heldId = hashes.keySet().iterator().next();
            LegalHold hold = holds.create(admin, "Quinn v. Insurer", "CLM-9", "litigation");
            enforcer.applyHoldChange(holds.addItems(admin, hold.id(), Set.of(heldId)).nowHeld(), id -> "CL-9", RecordAccessEnforcer.Actor.user("h.admin"));
            destroyedId = hashes.keySet().stream().filter(id -> !id.equals(heldId)).findFirst().orElseThrow();
            repo.destroyContent(destroyedId); // disposition: content gone, metadata kept
            first.kill(); // a crash: no orderly shutdown
            assertThat(first.isAlive()).isFalse();

            try (EmbeddedCmisServerProcess second = EmbeddedRepositoryFixture.start()) {
                JournalingRecordRepository rebuilt = new JournalingRecordRepository(new CmisRecordRepository(second.serviceSettings("/MedCase")),
                        db.dataSource(), dir.resolve("content"));
                JournalingRecordRepository.RebuildReport report = rebuilt.rebuild();
                assertThat(report.records()).isEqualTo(5);
                assertThat(report.cases()).isEqualTo(1);
                assertThat(rebuilt.listRecords(caseId)).extracting(StoredRecord::id).containsExactlyInAnyOrderElementsOf(hashes.keySet());
                assertThat(rebuilt.getRecord(destroyedId).properties()).containsKey(MedCaseModel.PROP_RECORD_CATEGORY);
                assertThatThrownBy(() -> rebuilt.readContent(destroyedId))
                        .hasMessageContaining("no content");
                for (var e : hashes.entrySet()) {
                    if (e.getKey().equals(destroyedId)) {
                        continue;
                    }
                    try (var in = rebuilt.readContent(e.getKey())) {
                        assertThat(com.medcase.hash.Sha256.hex(in.readAllBytes())).isEqualTo(e.getValue());
                    }
                    AccessProjection acl = rebuilt.readAccess(e.getKey());
                    assertThat(acl.entries()).containsKey(EmbeddedRepositoryFixture.ADJUSTER);
                }
                StoredRecord held = rebuilt.getRecord(heldId);
                assertThat(held.aspects()).contains(MedCaseModel.ASPECT_LEGAL_HOLD);
                assertThat(held.properties().get(MedCaseModel.PROP_HOLD_IDS)).isEqualTo(List.copyOf(holds.holdsOf(heldId)));
                assertThatThrownBy(() -> rebuilt.delete(heldId)).isInstanceOf(RecordHeldException.class);
                // The outside party logs in to the new process and reads, as before the crash.
                Document doc = (Document) EmbeddedRepositoryFixture.loginAs(second, EmbeddedRepositoryFixture.ADJUSTER)
                        .getObject(rebuilt.repositoryIdOf(heldId));
                assertThat(new String(doc.getContentStream().getStream().readAllBytes(), StandardCharsets.UTF_8)).startsWith("note ");
            }
        }
    }

    static RecordAccessEnforcer enforcer(JournalingRecordRepository repo, Authorization auth, LegalHolds holds, InMemoryAuditLedger ledger) {
        return new RecordAccessEnforcer(repo, new ReadersProjection(new ConsentEngine()),
                claimant -> ClaimantConsents.of(claimant, List.of(auth)), holds::holdsOf, ledger, Clock.systemUTC());
    }
}
