package com.medcase.enforcement;

import com.medcase.audit.InMemoryAuditLedger;
import com.medcase.consent.Authorization;
import com.medcase.consent.AuthorizationKind;
import com.medcase.consent.ClaimantConsents;
import com.medcase.consent.ConsentEngine;
import com.medcase.consent.Principal;
import com.medcase.consent.Provision;
import com.medcase.consent.Purpose;
import com.medcase.consent.Recipient;
import com.medcase.consent.Revocation;
import com.medcase.hold.InMemoryHoldRepository;
import com.medcase.hold.LegalHold;
import com.medcase.hold.LegalHolds;
import com.medcase.model.MedCaseModel;
import com.medcase.repository.AccessProjection.AccessLevel;
import com.medcase.repository.CaseFolder;
import com.medcase.repository.NewCase;
import com.medcase.repository.NewRecord;
import com.medcase.repository.RecordHeldException;
import com.medcase.repository.StoredRecord;
import com.medcase.repository.alfresco.AlfrescoHolds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import java.util.concurrent.ConcurrentHashMap;

import static com.medcase.enforcement.EmbeddedRepositoryFixture.ADJUSTER;
import static com.medcase.enforcement.EmbeddedRepositoryFixture.CLERK;
import static com.medcase.enforcement.EmbeddedRepositoryFixture.HOLD_ADMIN;
import static com.medcase.enforcement.EmbeddedRepositoryFixture.MANAGER;
import static com.medcase.enforcement.EmbeddedRepositoryFixture.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Consent and holds enforced by the repository itself, verified from the outside: people sign in to the
 * embedded repository over HTTP with their own passwords and speak REST v1 to it, the way they (or
 * Share) would to ACS. The embedded repository follows ACS's semantics where this depends on them
 * (see medcase-alfresco-embedded's contract tests, each citing the ACS class it encodes).
 */
class ConsentAndHoldEnforcementTest {

    @TempDir
    static Path home;

    static EmbeddedRepositoryFixture fixture;
    static final Map<String, List<Authorization>> authorizations = new ConcurrentHashMap<>();
    static final InMemoryAuditLedger ledger = new InMemoryAuditLedger(Clock.systemUTC());
    static final InMemoryHoldRepository holdRepository = new InMemoryHoldRepository();
    static final LegalHolds holds = new LegalHolds(holdRepository, ledger, Clock.systemUTC());
    static RecordAccessEnforcer enforcer;
    static GovernedRecordRepository governed;
    static final RecordAccessEnforcer.Actor ACTOR = RecordAccessEnforcer.Actor.user(MANAGER);

    @BeforeAll
    static void start() {
        fixture = new EmbeddedRepositoryFixture(home);
        enforcer = new RecordAccessEnforcer(fixture.repository, fixture.authorities, new AlfrescoHolds(fixture.http), new ConsentEngine(),
                claimant -> ClaimantConsents.of(claimant, authorizations.getOrDefault(claimant, List.of())), ledger, Clock.systemUTC(), 4);
        governed = new GovernedRecordRepository(fixture.repository, enforcer);
    }

    @AfterAll
    static void stop() {
        enforcer.close();
        fixture.close();
    }

    static Authorization authorizationFor(String id, String claimant, String recipient, String category) {
        return new Authorization(id, claimant, AuthorizationKind.GENERAL_HIPAA, "Holder", Recipient.named(recipient),
                Set.of(Purpose.LITIGATION), List.of(Provision.permit(Set.of(category), Set.of(), null, null)),
                "records of the claimed injury", Instant.now().minusSeconds(3600), Instant.now().plusSeconds(86_400), null,
                LocalDate.now(), "Claimant", null, null, true, null);
    }

    static CaseFolder newCase(String claimantId, String caseNumber) {
        fixture.repository.createClaimant(claimantId, Map.of(MedCaseModel.PROP_CLAIMANT_GIVEN_NAME, "Test", MedCaseModel.PROP_CLAIMANT_FAMILY_NAME,
                "Person-" + claimantId, MedCaseModel.PROP_DATE_OF_BIRTH, LocalDate.of(1980, 5, 17)));
        return fixture.repository.createCase(new NewCase(caseNumber, Map.of(MedCaseModel.PROP_CASE_TYPE, "personalInjury",
                MedCaseModel.PROP_CASE_CLAIMANT_ID, claimantId, MedCaseModel.PROP_OPENED_DATE, LocalDate.of(2026, 1, 5))));
    }

    static StoredRecord file(CaseFolder c, String name, String category, String text) {
        return governed.fileRecord(c.id(), new NewRecord(name, "text/plain", text.getBytes(StandardCharsets.UTF_8),
                Map.of(MedCaseModel.PROP_RECORD_CATEGORY, category, MedCaseModel.PROP_SERVICE_DATE_FROM, LocalDate.of(2025, 3, 1)), Map.of()));
    }

    static int readStatus(String user, String recordId) {
        return fixture.as(user, "GET", "/nodes/" + recordId + "/content", null).status();
    }

    /**
     * The leak the CMIS binding had: Company Home grants GROUP_EVERYONE Consumer and every node below
     * inherits it (ACS bootstrap spaces.xml), and CMIS applyAcl never turns inheritance off
     * (CMISConnector.applyACL). A governed record must refuse somebody who is only in GROUP_EVERYONE.
     */
    @Test
    void somebodyOnlyInEveryoneCannotReadOrListAGovernedRecord() {
        CaseFolder c = newCase("CL-050", "CLM-050");
        StoredRecord record = file(c, "note.txt", "clinicalNotes", "visit note");

        assertThat(readStatus(STRANGER, record.id())).isEqualTo(403);
        assertThat(fixture.as(STRANGER, "GET", "/nodes/" + record.id(), null).status()).isEqualTo(403);
        assertThat(fixture.as(STRANGER, "GET", "/nodes/" + c.id() + "/children", null).status()).isIn(403, 200);
        assertThat(fixture.as(STRANGER, "GET", "/nodes/" + c.id() + "/children", null).body()).doesNotContain(record.id());
        assertThat(fixture.repository.inheritsPermissions(record.id())).isFalse();
        // The control: a node that keeps inheriting from Company Home IS readable by them, so the refusal
        // above is the ACL's doing (this is what every governed record was on the CMIS binding).
        var open = fixture.asService("POST", "/nodes/-root-/children", "{\"name\":\"open-050\",\"nodeType\":\"cm:folder\"}");
        assertThat(open.status()).as(open.body()).isEqualTo(201);
        String openId = open.body().replaceFirst("(?s)^.*?\"id\"\\s*:\\s*\"([^\"]+)\".*$", "$1");
        var readOpen = fixture.as(STRANGER, "GET", "/nodes/" + openId, null);
        assertThat(readOpen.status()).as(openId + " " + readOpen.body()).isEqualTo(200);
        // And the records team reads it as the role table says.
        assertThat(readStatus(MANAGER, record.id())).isEqualTo(200);
        assertThat(readStatus(CLERK, record.id())).isEqualTo(200);
        assertThat(readStatus(HOLD_ADMIN, record.id())).as("hold administrators see metadata through MedCase, not content").isEqualTo(403);
    }

    @Test
    void anAuthorizedPartyReadsAndIsRefusedTheMomentTheGroupIsEmptiedWithoutAnyAclChange() {
        CaseFolder c = newCase("CL-100", "CLM-100");
        List<StoredRecord> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            records.add(file(c, "note-" + i + ".txt", "clinicalNotes", "visit note " + i));
        }
        StoredRecord billing = file(c, "invoice.txt", "billing", "invoice");
        Authorization auth = authorizationFor("A-100", "CL-100", ADJUSTER, "clinicalNotes");
        authorizations.put("CL-100", new ArrayList<>(List.of(auth)));
        RecordAccessEnforcer.Projection granted = enforcer.reprojectAfter(auth, ACTOR);
        assertThat(granted.records()).isEqualTo(31);
        assertThat(granted.rewritten()).as("the invoice is not covered: its ACL is left as it was").isEqualTo(30);

        String group = RecordAccessEnforcer.groupOf("A-100");
        for (StoredRecord r : records) {
            assertThat(readStatus(ADJUSTER, r.id())).isEqualTo(200);
            assertThat(fixture.repository.readAccess(r.id()).entries()).containsEntry(group, AccessLevel.READ)
                    .doesNotContainKey(ADJUSTER);
        }
        assertThat(readStatus(ADJUSTER, billing.id())).as("not covered by the authorization").isEqualTo(403);
        assertThat(fixture.repository.readAccess(billing.id()).entries()).doesNotContainKey(group);
        assertThat(fixture.repository.getRecord(records.get(0).id()).properties().get(MedCaseModel.PROP_GOVERNING_AUTHORIZATION_IDS))
                .isEqualTo(List.of("A-100"));

        var aclsBefore = records.stream().map(r -> fixture.repository.readAccess(r.id())).toList();
        Authorization revoked = auth.revoke(new Revocation(Instant.now(), MANAGER, "claimant letter"));
        authorizations.put("CL-100", List.of(revoked));
        enforcer.emptyGroup(revoked.id());

        // One membership change, no ACL touched: every record is refused at once.
        assertThat(records.stream().map(r -> fixture.repository.readAccess(r.id())).toList()).isEqualTo(aclsBefore);
        for (StoredRecord r : records) {
            assertThat(readStatus(ADJUSTER, r.id())).isEqualTo(403);
        }
        assertThat(fixture.authorities.groupsOf(ADJUSTER)).doesNotContain(group);
        assertThat(readStatus(MANAGER, records.get(0).id())).as("the records team keeps its access").isEqualTo(200);
        // Housekeeping afterwards drops the stale entries.
        enforcer.reprojectClaimant("CL-100", revoked.id(), ACTOR);
        assertThat(fixture.repository.readAccess(records.get(0).id()).entries()).doesNotContainKey(group);
        assertThat(ledger.verify().intact()).isTrue();
    }

    @Test
    void anOrganisationsGroupIsARecipientAndItsMembersReadThroughNesting() {
        fixture.authorities.ensureGroup("GROUP_LAWFIRM_DOE", "Doe & Partners");
        fixture.authorities.addMember("GROUP_LAWFIRM_DOE", STRANGER);
        CaseFolder c = newCase("CL-150", "CLM-150");
        StoredRecord r = file(c, "imaging.txt", "imaging", "x-ray");
        Authorization firm = new Authorization("A-150", "CL-150", AuthorizationKind.GENERAL_HIPAA, "Holder",
                Recipient.classOf("GROUP_LAWFIRM_DOE"), Set.of(Purpose.LITIGATION), List.of(Provision.permit(Set.of("imaging"), Set.of(), null, null)),
                "imaging", Instant.now().minusSeconds(60), Instant.now().plusSeconds(86_400), null, LocalDate.now(), "Claimant", null, null, true, null);
        authorizations.put("CL-150", List.of(firm));
        enforcer.reprojectAfter(firm, ACTOR);
        assertThat(readStatus(STRANGER, r.id())).isEqualTo(200);
        assertThat(fixture.authorities.groupsOf(STRANGER)).contains("GROUP_LAWFIRM_DOE", RecordAccessEnforcer.groupOf("A-150"));
        fixture.authorities.removeMember("GROUP_LAWFIRM_DOE", STRANGER);
        assertThat(readStatus(STRANGER, r.id())).as("left the firm: refused at once").isEqualTo(403);
    }

    /**
     * A claimant's restriction naming one member of an authorized firm keeps that member out at the
     * repository too: a DENIED entry, which ACS evaluates before the firm group's ALLOWED one.
     */
    @Test
    void aRestrictionNamingOneMemberOfAnAuthorizedFirmDeniesThatMemberOnly() {
        fixture.authorities.ensureGroup("GROUP_LAWFIRM_ROE", "Roe LLP");
        fixture.authorities.addMember("GROUP_LAWFIRM_ROE", STRANGER);
        fixture.authorities.addMember("GROUP_LAWFIRM_ROE", ADJUSTER);
        CaseFolder c = newCase("CL-160", "CLM-160");
        StoredRecord r = file(c, "ct.txt", "imaging", "ct scan");
        Authorization firm = new Authorization("A-160", "CL-160", AuthorizationKind.GENERAL_HIPAA, "Holder",
                Recipient.classOf("GROUP_LAWFIRM_ROE"), Set.of(Purpose.LITIGATION), List.of(Provision.permit(Set.of("imaging"), Set.of(), null, null)),
                "imaging", Instant.now().minusSeconds(60), Instant.now().plusSeconds(86_400), null, LocalDate.now(), "Claimant", null, null, true, null);
        authorizations.put("CL-160", new ArrayList<>(List.of(firm)));
        enforcer.reprojectAfter(firm, ACTOR);
        assertThat(readStatus(STRANGER, r.id())).isEqualTo(200);
        assertThat(readStatus(ADJUSTER, r.id())).isEqualTo(200);

        Authorization restriction = new Authorization("A-161", "CL-160", AuthorizationKind.GENERAL_HIPAA, "Holder", Recipient.named(STRANGER),
                Set.of(Purpose.LITIGATION), List.of(Provision.deny(Set.of("imaging"), Set.of())), "no imaging for this attorney",
                Instant.now().minusSeconds(60), Instant.now().plusSeconds(86_400), null, LocalDate.now(), "Claimant", null, null, true, null);
        authorizations.get("CL-160").add(restriction);
        enforcer.reprojectAfter(restriction, ACTOR);
        assertThat(fixture.repository.readAccess(r.id()).denied()).containsExactly(STRANGER);
        assertThat(readStatus(STRANGER, r.id())).as("restricted, though the firm is authorized").isEqualTo(403);
        assertThat(readStatus(ADJUSTER, r.id())).as("the rest of the firm keeps its access").isEqualTo(200);
    }

    @Test
    void protectedCategoriesAreClosedToClerksAndToAGeneralAuthorizationFromTheFirstMoment() {
        CaseFolder c = newCase("CL-200", "CLM-200");
        Authorization general = authorizationFor("A-200", "CL-200", ADJUSTER, "psychotherapyNotes");
        authorizations.put("CL-200", List.of(general));
        enforcer.reprojectAfter(general, ACTOR);
        StoredRecord record = file(c, "session.txt", "psychotherapyNotes", "session notes");
        assertThat(fixture.repository.readAccess(record.id()).entries()).containsEntry(MedCaseModel.GROUP_RECORDS_MANAGERS, AccessLevel.WRITE)
                .doesNotContainKeys(MedCaseModel.GROUP_RECORDS_CLERKS, RecordAccessEnforcer.groupOf("A-200"));
        assertThat(readStatus(CLERK, record.id())).isEqualTo(403);
        // A general authorization listing psychotherapy notes does not cover them (45 CFR 164.508(a)(2)).
        assertThat(readStatus(ADJUSTER, record.id())).isEqualTo(403);
        assertThat(readStatus(MANAGER, record.id())).isEqualTo(200);
    }

    /**
     * Holds are native (AGS HoldServiceImpl, FrozenAspect): the repository refuses delete, move, update
     * and content change to everyone, the service account included, until the LAST hold is released.
     */
    @Test
    void aHeldRecordCannotBeDeletedMovedOrChangedByAnyoneUntilItsLastHoldIsReleased() {
        CaseFolder c = newCase("CL-300", "CLM-300");
        CaseFolder other = newCase("CL-301", "CLM-301");
        StoredRecord record = file(c, "xray.txt", "imaging", "x-ray report");
        Principal admin = Principal.recordsTeam(HOLD_ADMIN, Principal.Role.LEGAL_HOLD_ADMINISTRATOR);
        LegalHold first = holds.create(admin, "Smith v. Acme", "CLM-300", "litigation pending");
        LegalHold second = holds.create(admin, "Regulator", "INQ-1", "regulator inquiry");
        holds.addItems(admin, first.id(), Set.of(record.id()));
        enforcer.holdAdded(first.id(), first.name(), first.reason(), Set.of(record.id()), ACTOR);
        holds.addItems(admin, second.id(), Set.of(record.id()));
        enforcer.holdAdded(second.id(), second.name(), second.reason(), Set.of(record.id()), ACTOR);

        StoredRecord frozen = fixture.repository.getRecord(record.id());
        assertThat(frozen.aspects()).contains("rma:frozen", MedCaseModel.ASPECT_LEGAL_HOLD);
        for (var who : List.<java.util.function.Function<String[], EmbeddedRepositoryFixture.Response>>of(
                call -> fixture.as(MANAGER, call[0], call[1], call[2]), call -> fixture.asService(call[0], call[1], call[2]))) {
            assertThat(who.apply(new String[] {"DELETE", "/nodes/" + record.id(), null}).status()).isIn(403, 409, 422);
            assertThat(who.apply(new String[] {"PUT", "/nodes/" + record.id(), "{\"properties\":{\"mc:batesNumber\":\"B-1\"}}"}).status())
                    .isIn(403, 409, 422);
            assertThat(who.apply(new String[] {"POST", "/nodes/" + record.id() + "/move", "{\"targetParentId\":\"" + other.id() + "\"}"})
                    .status()).isIn(403, 409, 422);
        }
        assertThat(readStatus(MANAGER, record.id())).as("held records stay readable").isEqualTo(200);
        assertThatThrownBy(() -> fixture.repository.destroy(record.id())).isInstanceOf(RecordHeldException.class);
        assertThatThrownBy(() -> fixture.repository.destroyContent(record.id())).isInstanceOf(RecordHeldException.class);
        assertThatThrownBy(() -> fixture.repository.moveRecord(record.id(), other.id())).isInstanceOf(RecordHeldException.class);

        enforcer.holdReleased(first.id(), "settled", holds.release(admin, first.id(), "settled").nowFree(), ACTOR);
        assertThat(fixture.repository.getRecord(record.id()).aspects()).as("still held by the second hold").contains("rma:frozen");
        assertThatThrownBy(() -> fixture.repository.destroy(record.id())).isInstanceOf(RecordHeldException.class);

        var released = holds.release(admin, second.id(), "inquiry closed");
        assertThat(released.nowFree()).containsExactly(record.id());
        enforcer.holdReleased(second.id(), "inquiry closed", released.nowFree(), ACTOR);
        assertThat(fixture.repository.getRecord(record.id()).aspects()).doesNotContain("rma:frozen", MedCaseModel.ASPECT_LEGAL_HOLD);
        var receipt = fixture.repository.destroy(record.id());
        assertThat(receipt.nodeDeleted()).isTrue();
        assertThat(receipt.purgedFromTrashcan()).isTrue();
        assertThat(fixture.asService("GET", "/nodes/" + record.id(), null).status()).isEqualTo(404);
        assertThat(fixture.asService("GET", "/deleted-nodes/" + record.id(), null).status()).as("purged from the trashcan").isEqualTo(404);
    }

    /**
     * GS "remove from hold" (HoldsChildrenRelation.delete, HoldServiceImpl.removeFromHold): the record leaves
     * one hold and stays frozen while another hold has it; out of its last hold it is unfrozen and unlabelled.
     */
    @Test
    void aRecordRemovedFromAHoldIsUnfrozenOnlyWhenNoOtherHoldCoversIt() {
        CaseFolder c = newCase("CL-320", "CLM-320");
        StoredRecord record = file(c, "mri.txt", "imaging", "MRI report");
        StoredRecord kept = file(c, "ct.txt", "imaging", "CT report");
        Principal admin = Principal.recordsTeam(HOLD_ADMIN, Principal.Role.LEGAL_HOLD_ADMINISTRATOR);
        LegalHold first = holds.create(admin, "Doe v. Acme", "CLM-320", "litigation pending");
        LegalHold second = holds.create(admin, "Audit", "AUD-1", "insurer audit");
        holds.addItems(admin, first.id(), Set.of(record.id(), kept.id(), c.id()));
        enforcer.holdAdded(first.id(), first.name(), first.reason(), Set.of(record.id(), kept.id(), c.id()), ACTOR);
        holds.addItems(admin, second.id(), Set.of(record.id()));
        enforcer.holdAdded(second.id(), second.name(), second.reason(), Set.of(record.id()), ACTOR);

        var out = holds.removeItems(admin, second.id(), Set.of(record.id()), "not part of the audit");
        assertThat(out.nowFree()).isEmpty();
        enforcer.holdItemsRemoved(second.id(), Set.of(record.id()), out.nowFree(), ACTOR);
        assertThat(fixture.repository.getRecord(record.id()).aspects()).as("still in the first hold").contains("rma:frozen");
        assertThatThrownBy(() -> fixture.repository.destroy(record.id())).isInstanceOf(RecordHeldException.class);

        out = holds.removeItems(admin, first.id(), Set.of(record.id()), "filed in the wrong case");
        assertThat(out.nowFree()).containsExactly(record.id());
        enforcer.holdItemsRemoved(first.id(), Set.of(record.id()), out.nowFree(), ACTOR);
        assertThat(fixture.repository.getRecord(record.id()).aspects()).doesNotContain("rma:frozen", MedCaseModel.ASPECT_LEGAL_HOLD);
        assertThat(fixture.repository.getRecord(kept.id()).aspects()).as("the other record stays held").contains("rma:frozen");
        assertThat(fixture.asService("PUT", "/nodes/" + record.id(), "{\"properties\":{\"mc:batesNumber\":\"B-9\"}}").status())
                .isEqualTo(200);
    }

    /** NodeVersionsRelation.readAll: newest first, with the comment, author and content of each version. */
    @Test
    void theVersionHistoryIsListedNewestFirstFromTheRepository() {
        CaseFolder c = newCase("CL-330", "CLM-330");
        StoredRecord record = file(c, "op-note.txt", "operativeReport", "first draft");
        assertThat(fixture.repository.versions(record.id())).as("a record never corrected is its only version")
                .singleElement().satisfies(v -> assertThat(v.contentLength()).isEqualTo("first draft".length()));
        fixture.repository.newVersion(record.id(), "corrected note".getBytes(StandardCharsets.UTF_8), "text/plain", "dictation corrected");
        fixture.repository.newVersion(record.id(), "signed note, final".getBytes(StandardCharsets.UTF_8), "text/plain", "signed");
        var versions = governed.versions(record.id());
        assertThat(versions).extracting(com.medcase.repository.RecordVersion::label).containsExactly("3.0", "2.0", "1.0");
        assertThat(versions.get(0).comment()).isEqualTo("signed");
        assertThat(versions.get(1).comment()).isEqualTo("dictation corrected");
        assertThat(versions.get(0).contentLength()).isEqualTo("signed note, final".length());
        assertThat(versions.get(0).modifiedBy()).isEqualTo(EmbeddedRepositoryFixture.SERVICE);
        assertThat(versions.get(0).modifiedAt()).isNotNull();
        assertThat(versions.get(2).contentLength()).isEqualTo("first draft".length());
    }

    @Test
    void destroyingContentDeletesEveryEarlierVersionAndKeepsTheMetadata() {
        CaseFolder c = newCase("CL-350", "CLM-350");
        StoredRecord record = file(c, "labs.txt", "laboratory", "first result");
        fixture.repository.newVersion(record.id(), "corrected result".getBytes(StandardCharsets.UTF_8), "text/plain", "correction");
        var receipt = fixture.repository.destroyContent(record.id());
        assertThat(receipt.versionsDeleted()).isNotEmpty();
        assertThat(receipt.nodeDeleted()).isFalse();
        StoredRecord kept = fixture.repository.getRecord(record.id());
        assertThat(kept.contentLength()).isZero();
        assertThat(kept.properties()).containsEntry(MedCaseModel.PROP_RECORD_CATEGORY, "laboratory");
        assertThat(fixture.asService("GET", "/nodes/" + record.id() + "/versions", null).body()).doesNotContain("\"1.0\"");
    }

    @Test
    void nobodyButTheServiceAccountChangesPermissions() {
        CaseFolder c = newCase("CL-400", "CLM-400");
        StoredRecord record = file(c, "invoice.txt", "billing", "invoice");
        String grant = "{\"permissions\":{\"isInheritanceEnabled\":false,\"locallySet\":[{\"authorityId\":\"%s\",\"name\":\"Consumer\",\"accessStatus\":\"ALLOWED\"}]}}"
                .formatted(ADJUSTER);
        assertThat(fixture.as(MANAGER, "PUT", "/nodes/" + record.id(), grant).status()).isEqualTo(403);
        assertThat(readStatus(ADJUSTER, record.id())).isEqualTo(403);
    }
}
