package com.medcase.enforcement;

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
import com.medcase.consent.Revocation;
import com.medcase.hold.HeldStateChange;
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
import com.medcase.repository.cmis.CmisRecordRepository;
import com.medcase.repository.embedded.EmbeddedCmisServerProcess;
import org.apache.chemistry.opencmis.client.api.Document;
import org.apache.chemistry.opencmis.client.api.Session;
import org.apache.chemistry.opencmis.commons.exceptions.CmisBaseException;
import org.apache.chemistry.opencmis.commons.exceptions.CmisConstraintException;
import org.apache.chemistry.opencmis.commons.exceptions.CmisPermissionDeniedException;
import org.apache.chemistry.opencmis.commons.exceptions.CmisUnauthorizedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static com.medcase.enforcement.EmbeddedRepositoryFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Verified from the outside: real users log in over HTTP to the embedded repository process. */
class ConsentAndHoldEnforcementTest {

    static EmbeddedCmisServerProcess server;
    static CmisRecordRepository repository;
    static final Map<String, List<Authorization>> authorizations = new ConcurrentHashMap<>();
    static final InMemoryAuditLedger ledger = new InMemoryAuditLedger(Clock.systemUTC());
    static final InMemoryHoldRepository holdRepository = new InMemoryHoldRepository();
    static final LegalHolds holds = new LegalHolds(holdRepository, ledger, Clock.systemUTC());
    static RecordAccessEnforcer enforcer;
    static final RecordAccessEnforcer.Actor SERVICE = RecordAccessEnforcer.Actor.user(MANAGER);

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedRepositoryFixture.start();
        repository = new CmisRecordRepository(server.serviceSettings("/MedCase"));
        enforcer = new RecordAccessEnforcer(repository, new ReadersProjection(new ConsentEngine()),
                claimant -> ClaimantConsents.of(claimant, authorizations.getOrDefault(claimant, List.of())),
                holds::holdsOf, ledger, Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static Authorization authorizationFor(String id, String claimant, String recipient, String category) {
        return new Authorization(id, claimant, AuthorizationKind.GENERAL_HIPAA, "Holder", Recipient.named(recipient),
                Set.of(Purpose.LITIGATION), List.of(Provision.permit(Set.of(category), Set.of(), null, null)),
                "records of the claimed injury", Instant.now().minusSeconds(3600), Instant.now().plusSeconds(86_400), null,
                LocalDate.now(), "Claimant", null, null, true, null);
    }

    StoredRecord newCaseWithRecord(String claimantId, String caseNumber, String category, String text) {
        repository.createClaimant(claimantId, Map.of(MedCaseModel.PROP_CLAIMANT_GIVEN_NAME, "Test", MedCaseModel.PROP_CLAIMANT_FAMILY_NAME,
                "Person-" + claimantId, MedCaseModel.PROP_DATE_OF_BIRTH, LocalDate.of(1980, 5, 17)));
        CaseFolder c = repository.createCase(new NewCase(caseNumber, Map.of(MedCaseModel.PROP_CASE_TYPE, "personalInjury",
                MedCaseModel.PROP_CASE_CLAIMANT_ID, claimantId, MedCaseModel.PROP_OPENED_DATE, LocalDate.of(2026, 1, 5))));
        return repository.fileRecord(c.id(), new NewRecord(category + ".txt", "text/plain", text.getBytes(StandardCharsets.UTF_8),
                Map.of(MedCaseModel.PROP_RECORD_CATEGORY, category, MedCaseModel.PROP_SERVICE_DATE_FROM, LocalDate.of(2025, 3, 1)),
                Map.of(MedCaseModel.ASPECT_IMPORT_PROVENANCE, Map.of(MedCaseModel.PROP_IMPORT_ROUTE, "test",
                        MedCaseModel.PROP_IMPORT_MESSAGE_ID, "MSG-" + caseNumber, MedCaseModel.PROP_IMPORT_RECEIVED_AT, Instant.now()))));
    }

    static String read(Session session, String id) throws Exception {
        Document d = (Document) session.getObject(id);
        try (var in = d.getContentStream().getStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void anOutsidePartyReadsWhileAuthorizedAndIsRefusedOnceTheAuthorizationIsRevoked() throws Exception {
        StoredRecord record = newCaseWithRecord("CL-100", "CLM-100", "clinicalNotes", "visit note");
        Authorization auth = authorizationFor("A-100", "CL-100", ADJUSTER, "clinicalNotes");
        authorizations.put("CL-100", new ArrayList<>(List.of(auth)));
        assertThat(enforcer.reprojectAfter(auth, SERVICE)).isEqualTo(1);

        Session adjuster = loginAs(server, ADJUSTER);
        assertThat(read(adjuster, record.id())).isEqualTo("visit note");
        assertThat(repository.getRecord(record.id()).properties().get(MedCaseModel.PROP_GOVERNING_AUTHORIZATION_IDS)).isEqualTo(List.of("A-100"));

        Authorization revoked = auth.revoke(new Revocation(Instant.now(), MANAGER, "claimant letter"));
        authorizations.put("CL-100", List.of(revoked));
        enforcer.reprojectAfter(revoked, SERVICE);

        assertThatThrownBy(() -> read(loginAs(server, ADJUSTER), record.id())).isInstanceOf(CmisPermissionDeniedException.class);
        // The records team keeps its access; the manager still reads.
        assertThat(read(loginAs(server, MANAGER), record.id())).isEqualTo("visit note");
        assertThat(ledger.verify().intact()).isTrue();
    }

    @Test
    void protectedCategoriesKeepClerksAndUnauthorizedPartiesOut() throws Exception {
        StoredRecord record = newCaseWithRecord("CL-200", "CLM-200", "psychotherapyNotes", "session notes");
        authorizations.put("CL-200", List.of(authorizationFor("A-200", "CL-200", ADJUSTER, "psychotherapyNotes")));
        enforcer.enforce(record.id(), "CL-200", SERVICE);
        assertThat(repository.readAccess(record.id()).entries()).containsEntry(MANAGER, AccessLevel.WRITE).doesNotContainKeys(CLERK, ADJUSTER);
        assertThatThrownBy(() -> read(loginAs(server, CLERK), record.id())).isInstanceOf(CmisPermissionDeniedException.class);
        // A general authorization listing psychotherapy notes does not cover them (45 CFR 164.508(a)(2)).
        assertThatThrownBy(() -> read(loginAs(server, ADJUSTER), record.id())).isInstanceOf(CmisPermissionDeniedException.class);
    }

    @Test
    void aHeldRecordCannotBeDeletedOrChangedUntilItsLastHoldIsReleased() throws Exception {
        StoredRecord record = newCaseWithRecord("CL-300", "CLM-300", "imaging", "x-ray report");
        authorizations.put("CL-300", List.of());
        Principal admin = Principal.recordsTeam(HOLD_ADMIN, Principal.Role.LEGAL_HOLD_ADMINISTRATOR);
        LegalHold first = holds.create(admin, "Smith v. Acme", "CLM-300", "litigation pending");
        LegalHold second = holds.create(admin, "Regulator", "INQ-1", "regulator inquiry");
        HeldStateChange held = holds.addItems(admin, first.id(), Set.of(record.id()));
        holds.addItems(admin, second.id(), Set.of(record.id()));
        enforcer.applyHoldChange(held.nowHeld(), id -> "CL-300", SERVICE);
        enforcer.enforce(record.id(), "CL-300", SERVICE);

        StoredRecord frozen = repository.getRecord(record.id());
        assertThat(frozen.aspects()).contains(MedCaseModel.ASPECT_LEGAL_HOLD);
        assertThat((List<?>) frozen.properties().get(MedCaseModel.PROP_HOLD_IDS)).hasSize(2);
        assertThat(repository.readAccess(record.id()).entries()).containsEntry(MANAGER, AccessLevel.READ);

        Session manager = loginAs(server, MANAGER);
        assertThatThrownBy(() -> manager.getObject(record.id()).delete()).isInstanceOf(CmisBaseException.class);
        assertThatThrownBy(() -> manager.getObject(record.id()).updateProperties(Map.of(MedCaseModel.PROP_BATES_NUMBER, "B-1")))
                .isInstanceOf(CmisBaseException.class);
        assertThatThrownBy(() -> repository.delete(record.id())).isInstanceOf(RecordHeldException.class);
        assertThatThrownBy(() -> repository.destroyContent(record.id())).isInstanceOf(RecordHeldException.class);
        // Even the service account's raw CMIS delete is refused by the repository itself.
        assertThatThrownBy(() -> loginAsService().getObject(record.id()).delete()).isInstanceOf(CmisConstraintException.class)
                .hasMessageContaining("legal hold");

        enforcer.applyHoldChange(holds.release(admin, first.id(), "settled").nowFree(), id -> "CL-300", SERVICE);
        enforcer.enforce(record.id(), "CL-300", SERVICE);
        assertThatThrownBy(() -> repository.delete(record.id())).as("still held by the second hold").isInstanceOf(RecordHeldException.class);

        HeldStateChange released = holds.release(admin, second.id(), "inquiry closed");
        assertThat(released.nowFree()).containsExactly(record.id());
        enforcer.applyHoldChange(released.nowFree(), id -> "CL-300", SERVICE);
        assertThat(repository.getRecord(record.id()).aspects()).doesNotContain(MedCaseModel.ASPECT_LEGAL_HOLD);
        assertThat(repository.readAccess(record.id()).entries()).containsEntry(MANAGER, AccessLevel.WRITE);
        repository.delete(record.id());
    }

    @Test
    void nobodyButTheServiceChangesPermissionsAndWrongPasswordsAreRefused() {
        StoredRecord record = newCaseWithRecord("CL-400", "CLM-400", "billing", "invoice");
        Session manager = loginAs(server, MANAGER);
        var ace = manager.getObjectFactory().createAce(ADJUSTER, List.of("cmis:read"));
        assertThatThrownBy(() -> manager.applyAcl(manager.createObjectId(record.id()), List.of(ace), List.of(),
                org.apache.chemistry.opencmis.commons.enums.AclPropagation.OBJECTONLY)).isInstanceOf(CmisPermissionDeniedException.class)
                .hasMessageContaining("managed by MedCase");
        var params = new java.util.HashMap<String, String>();
        params.put(org.apache.chemistry.opencmis.commons.SessionParameter.BINDING_TYPE, "browser");
        params.put(org.apache.chemistry.opencmis.commons.SessionParameter.BROWSER_URL, server.browserUrl());
        params.put(org.apache.chemistry.opencmis.commons.SessionParameter.USER, MANAGER);
        params.put(org.apache.chemistry.opencmis.commons.SessionParameter.PASSWORD, "wrong");
        params.put(org.apache.chemistry.opencmis.commons.SessionParameter.REPOSITORY_ID, "medcase");
        assertThatThrownBy(() -> org.apache.chemistry.opencmis.client.runtime.SessionFactoryImpl.newInstance().createSession(params))
                .isInstanceOf(CmisUnauthorizedException.class);
    }

    static Session loginAsService() {
        var s = server.serviceSettings("/MedCase");
        var params = new java.util.HashMap<String, String>();
        params.put(org.apache.chemistry.opencmis.commons.SessionParameter.BINDING_TYPE, "browser");
        params.put(org.apache.chemistry.opencmis.commons.SessionParameter.BROWSER_URL, s.browserUrl());
        params.put(org.apache.chemistry.opencmis.commons.SessionParameter.USER, s.username());
        params.put(org.apache.chemistry.opencmis.commons.SessionParameter.PASSWORD, s.password());
        params.put(org.apache.chemistry.opencmis.commons.SessionParameter.REPOSITORY_ID, "medcase");
        return org.apache.chemistry.opencmis.client.runtime.SessionFactoryImpl.newInstance().createSession(params);
    }
}
