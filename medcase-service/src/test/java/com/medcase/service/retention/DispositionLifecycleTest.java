package com.medcase.service.retention;

import com.medcase.service.ServiceApiClient;
import com.medcase.service.ConfiguredTestUsers;
import com.medcase.service.MedCaseApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retention half acting on its own, end to end over HTTP on the embedded default: a record filed with
 * an old service date under a short schedule becomes due through the scheduler alone (no call but
 * looking), is approved, executed (version history, node and trashcan entry purged) and certified (JSON
 * with its hash, PDF, in the list after the record is gone). Trigger events: closing a case schedules its
 * records, reopening withdraws them. A schedule below the configured legal minimum is refused naming it.
 */
@SpringBootTest(classes = MedCaseApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DispositionLifecycleTest {

    static final String PASSWORD = "test-" + UUID.randomUUID();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private ServiceApiClient api() {
        return new ServiceApiClient(http, port, PASSWORD);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        registry.add("medcase.home", () -> tempHome());
        // In-process search index: this test is about retention, not Solr.
        registry.add("medcase.search.embedded-server-jar", () -> "does-not-exist.jar");
        registry.add("medcase.scheduling.disposition-planning-period", () -> "1s");
        registry.add("medcase.scheduling.consent-expiry-period", () -> "1s");
        registry.add("medcase.retention.legal-minimums[0].category", () -> "imaging");
        registry.add("medcase.retention.legal-minimums[0].jurisdiction", () -> "*");
        registry.add("medcase.retention.legal-minimums[0].trigger", () -> "LAST_DATE_OF_SERVICE");
        registry.add("medcase.retention.legal-minimums[0].minimum", () -> "P7Y");
        registry.add("medcase.retention.legal-minimums[0].citation", () -> "Test Records Act s. 1");
        String hash = new BCryptPasswordEncoder(4).encode(PASSWORD);
        String[][] users = {{"ada", "ADMIN"}, {"manon", "RECORDS_MANAGER"}, {"clara", "RECORDS_CLERK"},
                {"hugo", "LEGAL_HOLD_ADMINISTRATOR"}, {"olga", "OUTSIDE_PARTY"}, {"mara", "RECORDS_MANAGER"}};
        ConfiguredTestUsers.register(registry, hash, users);
    }

    static java.nio.file.Path home;

    static String tempHome() {
        try {
            home = Files.createTempDirectory("medcase-disposition-test");
            return home.toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aRecordWithAnOldTriggerBecomesDueByItselfAndIsApprovedExecutedAndCertified() throws Exception {
        HttpResponse<String> schedule = api().post("manon", "/api/retention/schedules", """
                {"id":"RS-NOTES","category":"clinicalNotes","jurisdiction":"*","trigger":"LAST_DATE_OF_SERVICE","retainFor":"P1Y",
                 "action":"DESTROY_ENTIRELY","minimumRetention":"P0D"}""");
        assertThat(schedule.statusCode()).as(schedule.body()).isEqualTo(201);
        String caseNumber = newCase();
        HttpResponse<String> filed = api().multipart("manon", "/api/cases/" + caseNumber + "/records", "old-visit.txt",
                "Knee examination, 2015.", "clinicalNotes", "2015-03-01");
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        String recordId = ServiceApiClient.field(filed.body(), "id");

        // Only the scheduler moves it: the counts endpoint reads the queue without re-evaluating anything.
        await(() -> api().get("manon", "/api/disposition/counts").body(), body -> body.contains("\"DUE\":1"), Duration.ofSeconds(30));
        String jobs = api().get("ada", "/api/admin/jobs").body();
        assertThat(jobs).contains("\"name\":\"disposition-planning\"").contains("\"name\":\"consent-expiry\"").contains("\"nextFire\"");
        assertThat(api().get("manon", "/api/admin/jobs").statusCode()).isEqualTo(403);
        assertThat(api().get("ada", "/api/audit/entries?subject=RS-NOTES").statusCode()).isIn(200, 404);

        HttpResponse<String> approved = api().post("manon", "/api/disposition/" + recordId + "/approve", "");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(approved.body()).contains("\"status\":\"APPROVED\"");
        HttpResponse<String> executed = api().post("manon", "/api/disposition/" + recordId + "/execute", "");
        assertThat(executed.statusCode()).as(executed.body()).isEqualTo(200);
        String certificateId = ServiceApiClient.field(executed.body(), "certificateId");
        assertThat(executed.body()).contains("\"node\"").contains("\"trashcan\"");

        assertThat(api().get("manon", "/api/cases/" + caseNumber + "/records").body()).doesNotContain(recordId);
        HttpResponse<String> certificate = api().get("manon", "/api/disposition/certificates/" + certificateId);
        assertThat(certificate.statusCode()).isEqualTo(200);
        assertThat(certificate.body()).contains("\"intact\":true").contains("\"certificateHash\":\"" + ServiceApiClient.field(executed.body(), "certificateHash"));
        HttpResponse<String> json = api().get("manon", "/api/disposition/certificates/" + certificateId + "/json");
        assertThat(json.headers().firstValue("Content-Disposition").orElse("")).contains(certificateId + ".json");
        HttpResponse<byte[]> pdf = http.send(HttpRequest.newBuilder(api().uri("/api/disposition/certificates/" + certificateId + "/pdf"))
                .header("Authorization", api().basic("manon")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(api().get("manon", "/api/disposition/certificates").body()).contains(certificateId);
        assertThat(api().get("clara", "/api/disposition/certificates").statusCode()).isEqualTo(403);

        // The record is gone: reading it is 410 Gone naming the certificate, never a server error; the attempt is audited.
        for (String path : new String[]{"/api/records/" + recordId + "?purpose=LITIGATION", "/api/records/" + recordId + "/content?purpose=LITIGATION"}) {
            HttpResponse<String> gone = api().get("manon", path);
            assertThat(gone.statusCode()).as(path + ": " + gone.body()).isEqualTo(410);
            assertThat(gone.body()).contains("destroyed by disposition").contains(certificateId).contains("\"certificateId\":\"" + certificateId);
        }
        String attempts = auditEntriesAbout(recordId);
        assertThat(attempts).contains("\"action\":\"record.read_metadata\"").contains("\"action\":\"record.read_content\"")
                .contains("\"outcome\":\"GONE\"").contains(certificateId).doesNotContain("Knee").doesNotContain("old-visit");
        // A node the repository never had is 404 with a message, not a 500.
        HttpResponse<String> unknown = api().get("manon", "/api/records/" + UUID.randomUUID() + "?purpose=LITIGATION");
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        assertThat(unknown.body()).contains("No record");
    }

    @Test
    void contentDestroyedWithMetadataKeptAnswersGoneForTheContentOnly() throws Exception {
        assertThat(api().post("manon", "/api/retention/schedules", """
                {"id":"RS-OPERATIVE","category":"operativeReport","jurisdiction":"*","trigger":"LAST_DATE_OF_SERVICE","retainFor":"P1Y",
                 "action":"DESTROY_CONTENT_KEEP_METADATA","minimumRetention":"P0D"}""").statusCode()).isEqualTo(201);
        String caseNumber = newCase();
        String recordId = ServiceApiClient.field(api().multipart("manon", "/api/cases/" + caseNumber + "/records", "operation.txt", "Arthroscopy.", "operativeReport",
                "2015-03-01").body(), "id");
        await(() -> api().get("manon", "/api/disposition/due").body(), body -> body.contains(recordId), Duration.ofSeconds(30));
        assertThat(api().post("manon", "/api/disposition/" + recordId + "/approve", "").statusCode()).isEqualTo(200);
        HttpResponse<String> executed = api().post("manon", "/api/disposition/" + recordId + "/execute", "");
        assertThat(executed.statusCode()).as(executed.body()).isEqualTo(200);
        String certificateId = ServiceApiClient.field(executed.body(), "certificateId");

        assertThat(api().get("manon", "/api/records/" + recordId + "?purpose=LITIGATION").statusCode()).isEqualTo(200);
        HttpResponse<String> content = api().get("manon", "/api/records/" + recordId + "/content?purpose=LITIGATION");
        assertThat(content.statusCode()).as(content.body()).isEqualTo(410);
        assertThat(content.body()).contains("content").contains("destroyed by disposition").contains(certificateId);
    }

    /** Every audit entry whose subject is {@code subject}, as JSON, read page by page from the start of the ledger. */
    private String auditEntriesAbout(String subject) throws Exception {
        StringBuilder found = new StringBuilder();
        for (long from = 1; ; from += 1000) {
            String page = api().get("ada", "/api/audit/entries?from=" + from + "&limit=1000").body();
            if (page.equals("[]")) {
                return found.toString();
            }
            for (String entry : page.split("\\},\\{\"sequence\"")) {
                if (entry.contains("\"" + subject + "\"")) {
                    found.append(entry).append('\n');
                }
            }
        }
    }

    @Test
    void closingACaseSchedulesItsRecordsAndReopeningItWithdrawsThem() throws Exception {
        assertThat(api().post("manon", "/api/retention/schedules", """
                {"id":"RS-BILLING","category":"billing","jurisdiction":"*","trigger":"CASE_CLOSED","retainFor":"P1Y",
                 "action":"DESTROY_CONTENT_KEEP_METADATA","minimumRetention":"P0D"}""").statusCode()).isEqualTo(201);
        String caseNumber = newCase();
        String recordId = ServiceApiClient.field(api().multipart("manon", "/api/cases/" + caseNumber + "/records", "invoice.txt", "Invoice.", "billing",
                "2015-03-01").body(), "id");
        HttpResponse<String> closed = api().post("manon", "/api/retention/cases/" + caseNumber + "/close", """
                {"date":"2016-01-31"}""");
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        // The answer counts what this request planned; the scheduler (every second here) may have taken the
        // record off the planning queue first, and then the ledger shows that it did.
        assertThat(closed.body()).contains("\"records\":1");
        await(() -> api().get("manon", "/api/disposition/due").body(), body -> body.contains(recordId), Duration.ofSeconds(30));

        HttpResponse<String> reopened = api().post("manon", "/api/retention/cases/" + caseNumber + "/reopen", "");
        assertThat(reopened.statusCode()).as(reopened.body()).isEqualTo(200);
        assertThat(reopened.body()).contains("\"records\":1");
        await(() -> api().get("manon", "/api/disposition/due").body(), body -> !body.contains(recordId), Duration.ofSeconds(30));
        assertThat(auditEntriesAbout(recordId)).contains("\"action\":\"disposition.withdraw\"");
        assertThat(api().post("manon", "/api/disposition/" + recordId + "/approve", "").statusCode()).isEqualTo(404);
    }

    @Test
    void aScheduleBelowTheLegalMinimumIsRefusedNamingIt() throws Exception {
        HttpResponse<String> refused = api().post("manon", "/api/retention/schedules", """
                {"id":"RS-IMAGING","category":"imaging","jurisdiction":"US-CA","trigger":"LAST_DATE_OF_SERVICE","retainFor":"P2Y",
                 "action":"DESTROY_ENTIRELY","minimumRetention":"P0D"}""");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("P7Y").contains("Test Records Act s. 1");
    }

    @org.springframework.beans.factory.annotation.Autowired
    com.medcase.repository.AuthorityDirectory authorities;

    @Test
    void aTransferDeliversContentAndMetadataBeforeTheRecordIsDestroyed() throws Exception {
        assertThat(api().post("manon", "/api/retention/schedules", """
                {"id":"RS-PHARMACY","category":"pharmacy","jurisdiction":"*","trigger":"LAST_DATE_OF_SERVICE","retainFor":"P1Y",
                 "action":"TRANSFER","minimumRetention":"P0D"}""").statusCode()).isEqualTo(201);
        String caseNumber = newCase();
        String recordId = ServiceApiClient.field(api().multipart("manon", "/api/cases/" + caseNumber + "/records", "rx.txt", "Prescription list.", "pharmacy",
                "2014-05-01").body(), "id");
        await(() -> api().get("manon", "/api/disposition/due").body(), body -> body.contains(recordId), Duration.ofSeconds(30));
        assertThat(api().post("manon", "/api/disposition/" + recordId + "/approve", "").statusCode()).isEqualTo(200);
        HttpResponse<String> executed = api().post("manon", "/api/disposition/" + recordId + "/execute", "");
        assertThat(executed.statusCode()).as(executed.body()).isEqualTo(200);
        String certificateId = ServiceApiClient.field(executed.body(), "certificateId");
        assertThat(executed.body()).contains("transferred:" + certificateId).contains("\"node\"");
        java.nio.file.Path delivered = home.resolve("transfer").resolve(certificateId);
        assertThat(Files.readString(delivered.resolve("content"))).isEqualTo("Prescription list.");
        assertThat(Files.readString(delivered.resolve("metadata.json"))).contains(recordId).contains("rx.txt");
        assertThat(api().get("manon", "/api/cases/" + caseNumber + "/records").body()).doesNotContain(recordId);
    }

    @Test
    void anExpiryTakesEffectInTheRepositoryWithinTheSchedulersPeriod() throws Exception {
        String claimant = "CLM-EXP-" + UUID.randomUUID().toString().substring(0, 6);
        String expiresAt = java.time.Instant.now().plusSeconds(3).toString();
        HttpResponse<String> created = api().post("manon", "/api/authorizations", """
                {"claimantId":"%s","kind":"GENERAL_HIPAA","discloser":"MedCase records team",
                 "recipient":{"authority":"olga","partyClass":false},"purposes":["LITIGATION"],
                 "provisions":[{"type":"PERMIT","categories":["clinicalNotes"],"sensitivityLabels":[]}],
                 "informationDescription":"Clinical notes","expiresAt":"%s",
                 "signedOn":"2026-01-02","signedBy":"Claimant","revocationRightStated":true,
                 "revocationProcedure":"in writing to MedCase records team","nonConditioningStated":true,"redisclosureStated":true}"""
                .formatted(claimant, expiresAt));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String group = "GROUP_MC_AUTH_" + ServiceApiClient.field(created.body(), "id");
        assertThat(authorities.members(group)).contains("olga");
        // Nobody calls anything: the consent-expiry job (period 1 s here, at most 1 minute) empties the group.
        await(() -> authorities.members(group).toString(), members -> members.equals("[]"), Duration.ofSeconds(30));
        // the run that emptied it is recorded when it finishes, a moment after the group changed
        await(() -> api().get("ada", "/api/admin/jobs/consent-expiry").body(), body -> body.contains("\"itemsHandled\":1"), Duration.ofSeconds(30));
    }

    @Test
    void erasureRequestsAreWeighedAgainstMinimumRetentionAndHoldsAndGrantedOnesFlowIntoDisposition() throws Exception {
        assertThat(api().post("manon", "/api/retention/schedules", """
                {"id":"RS-CORR","category":"correspondence","jurisdiction":"*","trigger":"RECORD_RECEIVED","retainFor":"P10Y",
                 "action":"DESTROY_ENTIRELY","minimumRetention":"P5Y"}""").statusCode()).isEqualTo(201);
        assertThat(api().post("manon", "/api/retention/schedules", """
                {"id":"RS-LEGAL","category":"legal","jurisdiction":"*","trigger":"LAST_DATE_OF_SERVICE","retainFor":"P20Y",
                 "action":"DESTROY_ENTIRELY","minimumRetention":"P1Y"}""").statusCode()).isEqualTo(201);
        String caseNumber = newCase();
        String young = ServiceApiClient.field(api().multipart("manon", "/api/cases/" + caseNumber + "/records", "letter.txt", "Letter.", "correspondence",
                "2015-01-01").body(), "id");
        String old = ServiceApiClient.field(api().multipart("manon", "/api/cases/" + caseNumber + "/records", "brief.txt", "Brief.", "legal",
                "2015-01-01").body(), "id");
        String held = ServiceApiClient.field(api().multipart("manon", "/api/cases/" + caseNumber + "/records", "brief2.txt", "Brief 2.", "legal",
                "2015-01-01").body(), "id");
        String holdId = ServiceApiClient.field(api().post("hugo", "/api/holds", """
                {"name":"Suit","matter":"M-1","reason":"pending suit"}""").body(), "id");
        assertThat(api().post("hugo", "/api/holds/" + holdId + "/items", "{\"recordIds\":[\"" + held + "\"]}").statusCode()).isEqualTo(200);

        HttpResponse<String> refused = api().post("manon", "/api/retention/erasure-requests", "{\"recordId\":\"" + young + "\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(201);
        assertThat(refused.body()).contains("\"granted\":false").contains("minimum retention under schedule RS-CORR runs until");
        HttpResponse<String> underHold = api().post("manon", "/api/retention/erasure-requests", "{\"recordId\":\"" + held + "\"}");
        assertThat(underHold.body()).contains("\"granted\":false").contains("under legal hold").contains(holdId);
        HttpResponse<String> granted = api().post("manon", "/api/retention/erasure-requests", "{\"recordId\":\"" + old + "\"}");
        assertThat(granted.body()).contains("\"granted\":true");
        assertThat(api().get("manon", "/api/disposition/due").body()).contains(old).contains("erasure:");
        assertThat(api().get("manon", "/api/retention/erasure-requests").body()).contains(young).contains(old);
    }

    @Test
    void holdsOnAClaimantOrAQueryCoverRecordsFiledLaterAndUrgentHoldsAwaitConfirmation() throws Exception {
        String first = newCase();
        String claimant = "CLM-" + first;
        String holdId = ServiceApiClient.field(api().post("hugo", "/api/holds", """
                {"name":"Claimant hold","matter":"M-2","reason":"anticipated litigation"}""").body(), "id");
        assertThat(api().post("hugo", "/api/holds/" + holdId + "/claimants", "{\"claimantIds\":[\"" + claimant + "\"]}").statusCode()).isEqualTo(200);
        String later = ServiceApiClient.field(api().multipart("manon", "/api/cases/" + first + "/records", "later.txt", "Later.", "laboratory", "2020-01-01").body(), "id");
        HttpResponse<String> laterRefused = api().post("manon", "/api/retention/erasure-requests", "{\"recordId\":\"" + later + "\"}");
        assertThat(laterRefused.body()).contains("under legal hold").contains(holdId);

        String queryHold = ServiceApiClient.field(api().post("hugo", "/api/holds", """
                {"name":"Imaging","matter":"M-3","reason":"imaging dispute"}""").body(), "id");
        assertThat(api().post("hugo", "/api/holds/" + queryHold + "/queries", """
                {"query":"category:imaging jurisdiction:US-CA"}""").statusCode()).isEqualTo(200);
        String other = newCase();
        String scan = ServiceApiClient.field(api().multipart("manon", "/api/cases/" + other + "/records", "scan.txt", "Scan.", "imaging", "2020-01-01").body(), "id");
        assertThat(api().post("manon", "/api/retention/erasure-requests", "{\"recordId\":\"" + scan + "\"}").body()).contains(queryHold);

        assertThat(api().post("clara", "/api/holds/urgent", """
                {"name":"Urgent","matter":"M-4","reason":"letter before action"}""").statusCode()).isEqualTo(403);
        HttpResponse<String> urgent = api().post("manon", "/api/holds/urgent", """
                {"name":"Urgent","matter":"M-4","reason":"letter before action","caseNumbers":["%s"]}""".formatted(other));
        assertThat(urgent.statusCode()).as(urgent.body()).isEqualTo(201);
        String urgentId = ServiceApiClient.field(urgent.body(), "id");
        assertThat(api().get("hugo", "/api/holds/unconfirmed").body()).contains(urgentId).contains("manon");
        assertThat(api().post("hugo", "/api/holds/" + urgentId + "/confirm", "").statusCode()).isEqualTo(200);
        assertThat(api().get("hugo", "/api/holds/unconfirmed").body()).doesNotContain(urgentId);
    }

    @org.springframework.beans.factory.annotation.Autowired
    javax.sql.DataSource dataSource;

    @Test
    void theHoldCoverageJobAddsRecordsOfASavedQueryScopeMissingFromTheHold() throws Exception {
        String caseNumber = newCase();
        String inScope = ServiceApiClient.field(api().multipart("manon", "/api/cases/" + caseNumber + "/records", "xray.txt", "X-ray.", "imaging", "2020-01-01").body(), "id");
        String outOfScope = ServiceApiClient.field(api().multipart("manon", "/api/cases/" + caseNumber + "/records", "bill.txt", "Bill.", "billing", "2020-01-01").body(), "id");
        String holdId = ServiceApiClient.field(api().post("hugo", "/api/holds", """
                {"name":"Repair","matter":"M-9","reason":"query scope repair"}""").body(), "id");
        assertThat(api().post("hugo", "/api/holds/" + holdId + "/queries", """
                {"query":"category:imaging case:%s"}""".formatted(caseNumber)).statusCode()).isEqualTo(200);
        assertThat(held(holdId, inScope)).isTrue();
        // What a crash between filing and the filing-time coverage leaves: a record in the scope, not in the hold.
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement("DELETE FROM mc_legal_hold_item WHERE hold_id = ? AND item_id = ?")) {
            ps.setString(1, holdId);
            ps.setString(2, inScope);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        assertThat(api().post("ada", "/api/admin/jobs/hold-coverage/run", "").statusCode()).isEqualTo(202);
        await(() -> Boolean.toString(held(holdId, inScope)), "true"::equals, Duration.ofSeconds(30));
        assertThat(held(holdId, outOfScope)).isFalse();
        assertThat(api().post("manon", "/api/retention/erasure-requests", "{\"recordId\":\"" + inScope + "\"}").body()).contains(holdId);
    }

    private boolean held(String holdId, String recordId) throws Exception {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement("SELECT 1 FROM mc_legal_hold_item WHERE hold_id = ? AND item_id = ?")) {
            ps.setString(1, holdId);
            ps.setString(2, recordId);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Test
    void aSensitiveRecordNeedsASecondDifferentApproverAndAHeldOneIsBlockedWhenItFallsDue() throws Exception {
        assertThat(api().post("manon", "/api/retention/schedules", """
                {"id":"RS-LAB","category":"laboratory","jurisdiction":"*","trigger":"LAST_DATE_OF_SERVICE","retainFor":"P1Y",
                 "action":"DESTROY_ENTIRELY","minimumRetention":"P0D"}""").statusCode()).isEqualTo(201);
        String caseNumber = newCase();
        String sensitive = ServiceApiClient.field(api().multipart("manon", "/api/cases/" + caseNumber + "/records", "hiv-panel.txt", "Panel.", "laboratory",
                "2014-01-01", "hiv").body(), "id");
        String heldCase = newCase();
        String holdId = ServiceApiClient.field(api().post("hugo", "/api/holds", """
                {"name":"Case hold","matter":"M-5","reason":"pending suit"}""").body(), "id");
        assertThat(api().post("hugo", "/api/holds/" + holdId + "/cases", "{\"caseNumbers\":[\"" + heldCase + "\"]}").statusCode()).isEqualTo(200);
        String held = ServiceApiClient.field(api().multipart("manon", "/api/cases/" + heldCase + "/records", "panel.txt", "Panel.", "laboratory", "2014-01-01").body(), "id");

        await(() -> api().get("manon", "/api/disposition/due").body(), body -> body.contains(sensitive) && body.contains(held), Duration.ofSeconds(30));
        String due = api().get("manon", "/api/disposition/due").body();
        assertThat(due).containsPattern("\"recordId\":\"" + held + "\"[^}]*\"status\":\"BLOCKED_BY_HOLD\"");
        assertThat(api().post("manon", "/api/disposition/" + held + "/approve", "").statusCode()).isEqualTo(409);

        assertThat(api().post("manon", "/api/disposition/" + sensitive + "/approve", "").body()).contains("\"status\":\"DUE\"");
        HttpResponse<String> again = api().post("manon", "/api/disposition/" + sensitive + "/approve", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("second, different approver");
        assertThat(api().post("mara", "/api/disposition/" + sensitive + "/approve", "").body()).contains("\"status\":\"APPROVED\"");
    }

    /**
     * Issue 13, disposition for a records team: the due list filtered (status, case, category, due date) and
     * paged; bulk approval saying per item what happened (approved, a second different approver needed, held,
     * not in the queue); execution in the background with its progress, failures and certificates.
     */
    @Test
    void theDueListIsFilteredAndPagedBulkApprovalSaysPerItemWhatHappenedAndExecutionReportsItsProgress() throws Exception {
        assertThat(api().post("manon", "/api/retention/schedules", """
                {"id":"RS-RAD","category":"radiologyReport","jurisdiction":"*","trigger":"LAST_DATE_OF_SERVICE","retainFor":"P1Y",
                 "action":"DESTROY_ENTIRELY","minimumRetention":"P0D"}""").statusCode()).isEqualTo(201);
        String caseA = newCase();
        String heldCase = newCase();
        String holdId = ServiceApiClient.field(api().post("hugo", "/api/holds", """
                {"name":"Held case","matter":"M-9","reason":"pending suit"}""").body(), "id");
        assertThat(api().post("hugo", "/api/holds/" + holdId + "/cases", "{\"caseNumbers\":[\"" + heldCase + "\"]}").statusCode()).isEqualTo(200);
        String plain = ServiceApiClient.field(api().multipart("manon", "/api/cases/" + caseA + "/records", "ct.txt", "CT.", "radiologyReport", "2014-01-01").body(), "id");
        String unapproved = ServiceApiClient.field(api().multipart("manon", "/api/cases/" + caseA + "/records", "ct2.txt", "CT 2.", "radiologyReport", "2014-02-01").body(), "id");
        String sensitive = ServiceApiClient.field(api().multipart("manon", "/api/cases/" + caseA + "/records", "hiv-ct.txt", "CT.", "radiologyReport", "2014-01-01",
                "hiv").body(), "id");
        String held = ServiceApiClient.field(api().multipart("manon", "/api/cases/" + heldCase + "/records", "mri.txt", "MRI.", "radiologyReport", "2014-01-01").body(), "id");

        await(() -> api().get("manon", "/api/disposition/items?category=radiologyReport&size=200").body(),
                body -> body.contains(plain) && body.contains(unapproved) && body.contains(sensitive) && body.contains(held), Duration.ofSeconds(30));
        String firstPage = api().get("manon", "/api/disposition/items?caseNumber=" + caseA + "&size=2").body();
        assertThat(firstPage).contains("\"total\":3").contains("\"caseNumber\":\"" + caseA + "\"").doesNotContain(held);
        assertThat(Pattern.compile("\"recordId\"").matcher(firstPage).results().count()).isEqualTo(2);
        assertThat(Pattern.compile("\"recordId\"").matcher(api().get("manon", "/api/disposition/items?caseNumber=" + caseA + "&size=2&page=1").body())
                .results().count()).isEqualTo(1);
        assertThat(api().get("manon", "/api/disposition/items?status=BLOCKED_BY_HOLD&category=radiologyReport").body()).contains(held).doesNotContain(plain);
        assertThat(api().get("manon", "/api/disposition/items?category=radiologyReport&dueBy=2010-01-01").body()).contains("\"total\":0");
        assertThat(api().get("clara", "/api/disposition/items").statusCode()).isEqualTo(403);

        HttpResponse<String> approvals = api().post("manon", "/api/disposition/approvals",
                "{\"recordIds\":[\"%s\",\"%s\",\"%s\",\"no-such-record\"]}".formatted(plain, sensitive, held));
        assertThat(approvals.statusCode()).as(approvals.body()).isEqualTo(200);
        assertThat(approvals.body()).containsPattern("\"recordId\":\"" + plain + "\",\"outcome\":\"APPROVED\"")
                .containsPattern("\"recordId\":\"" + sensitive + "\",\"outcome\":\"NEEDS_SECOND_APPROVER\"")
                .containsPattern("\"recordId\":\"" + held + "\",\"outcome\":\"HELD\",\"detail\":\"" + holdId)
                .containsPattern("\"recordId\":\"no-such-record\",\"outcome\":\"NOT_IN_QUEUE\"");
        assertThat(api().post("manon", "/api/disposition/approvals", "{\"recordIds\":[\"" + sensitive + "\"]}").body())
                .contains("\"outcome\":\"ALREADY_APPROVED_BY_YOU\"");
        assertThat(api().post("mara", "/api/disposition/approvals", "{\"recordIds\":[\"" + sensitive + "\"]}").body()).contains("\"outcome\":\"APPROVED\"");

        HttpResponse<String> started = api().post("manon", "/api/disposition/executions",
                "{\"recordIds\":[\"%s\",\"%s\",\"%s\"]}".formatted(plain, unapproved, sensitive));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertThat(started.body()).contains("\"total\":3");
        String runId = ServiceApiClient.field(started.body(), "id");
        await(() -> api().get("manon", "/api/disposition/executions/" + runId).body(), body -> body.contains("\"finished\":true"), Duration.ofSeconds(30));
        String run = api().get("manon", "/api/disposition/executions/" + runId).body();
        assertThat(run).contains("\"done\":3").contains("\"total\":3");
        assertThat(run).containsPattern("\"failures\":\\[\\{[^]]*" + unapproved).contains("approval(s) before execution");
        assertThat(Pattern.compile("\"certificateId\":\"DC-").matcher(run).results().count()).isEqualTo(2);
        assertThat(api().get("manon", "/api/cases/" + caseA + "/records").body()).doesNotContain(plain).doesNotContain(sensitive).contains(unapproved);
        // Leave nothing DUE behind: the other tests of this class count the queue.
        assertThat(api().post("manon", "/api/disposition/approvals", "{\"recordIds\":[\"" + unapproved + "\"]}").body()).contains("\"outcome\":\"APPROVED\"");
        assertThat(api().post("manon", "/api/disposition/" + unapproved + "/execute", "").statusCode()).isEqualTo(200);
    }

    /**
     * Issue 13, legal holds: single records taken out of a hold (GS "remove from hold") with a reason; the record
     * is free again unless another hold keeps it; a record the hold covers through its case is refused.
     */
    @Test
    void aRecordTakenOutOfAHoldIsFreeUnlessAnotherHoldKeepsItAndOneHeldThroughItsCaseIsRefused() throws Exception {
        String caseNumber = newCase();
        String a = ServiceApiClient.field(api().multipart("manon", "/api/cases/" + caseNumber + "/records", "a.txt", "A.", "dischargeSummary", "2020-01-01").body(), "id");
        String b = ServiceApiClient.field(api().multipart("manon", "/api/cases/" + caseNumber + "/records", "b.txt", "B.", "dischargeSummary", "2020-01-01").body(), "id");
        String first = ServiceApiClient.field(api().post("hugo", "/api/holds", "{\"name\":\"First\",\"matter\":\"M-20\",\"reason\":\"suit\"}").body(), "id");
        String second = ServiceApiClient.field(api().post("hugo", "/api/holds", "{\"name\":\"Second\",\"matter\":\"M-21\",\"reason\":\"audit\"}").body(), "id");
        assertThat(api().post("hugo", "/api/holds/" + first + "/items", "{\"recordIds\":[\"%s\",\"%s\"]}".formatted(a, b)).statusCode()).isEqualTo(200);
        assertThat(api().post("hugo", "/api/holds/" + second + "/items", "{\"recordIds\":[\"%s\"]}".formatted(b)).statusCode()).isEqualTo(200);
        String otherCase = newCase();
        String c = ServiceApiClient.field(api().multipart("manon", "/api/cases/" + otherCase + "/records", "c.txt", "C.", "dischargeSummary", "2020-01-01").body(), "id");
        String caseHold = ServiceApiClient.field(api().post("hugo", "/api/holds", "{\"name\":\"Case\",\"matter\":\"M-22\",\"reason\":\"suit\"}").body(), "id");
        assertThat(api().post("hugo", "/api/holds/" + caseHold + "/cases", "{\"caseNumbers\":[\"" + otherCase + "\"]}").statusCode()).isEqualTo(200);

        String remove = "{\"recordIds\":[\"%s\",\"%s\"],\"reason\":\"filed in error\"}".formatted(a, b);
        assertThat(api().post("manon", "/api/holds/" + first + "/items/remove", remove).statusCode()).isEqualTo(403);
        HttpResponse<String> noReason = api().post("hugo", "/api/holds/" + first + "/items/remove", "{\"recordIds\":[\"" + a + "\"]}");
        assertThat(noReason.statusCode()).isEqualTo(409);
        assertThat(noReason.body()).contains("needs a reason");
        HttpResponse<String> throughCase = api().post("hugo", "/api/holds/" + caseHold + "/items/remove",
                "{\"recordIds\":[\"" + c + "\"],\"reason\":\"not relevant\"}");
        assertThat(throughCase.statusCode()).isEqualTo(409);
        assertThat(throughCase.body()).contains("its case");
        // a saved query of the hold that selects the record: the hold-coverage job would put it back (it repairs query
        // scopes), so the removal is refused the same way
        String queryHold = ServiceApiClient.field(api().post("hugo", "/api/holds", "{\"name\":\"Query\",\"matter\":\"M-23\",\"reason\":\"suit\"}").body(), "id");
        assertThat(api().post("hugo", "/api/holds/" + queryHold + "/queries", "{\"query\":\"case:" + otherCase + "\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> throughQuery = api().post("hugo", "/api/holds/" + queryHold + "/items/remove",
                "{\"recordIds\":[\"" + c + "\"],\"reason\":\"not relevant\"}");
        assertThat(throughQuery.statusCode()).as(throughQuery.body()).isEqualTo(409);
        assertThat(throughQuery.body()).contains("saved query");

        HttpResponse<String> removed = api().post("hugo", "/api/holds/" + first + "/items/remove", remove);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(removed.body()).contains("\"nowFree\":[\"" + a + "\"]");
        assertThat(api().get("manon", "/api/records/" + a + "?purpose=RECORDS_ADMINISTRATION").body()).doesNotContain("rma:frozen").doesNotContain("mc:legalHold");
        assertThat(api().get("manon", "/api/records/" + b + "?purpose=RECORDS_ADMINISTRATION").body()).contains("rma:frozen");
        assertThat(api().post("manon", "/api/retention/erasure-requests", "{\"recordId\":\"" + b + "\"}").body()).contains(second).doesNotContain(first);
    }

    @org.springframework.beans.factory.annotation.Autowired
    com.medcase.repository.RecordRepository repository;

    /** Issue 13, record page: the version history from the repository (ACS GET /nodes/{id}/versions), newest first. */
    @Test
    void aRecordsVersionHistoryIsListedNewestFirstWithItsComments() throws Exception {
        String caseNumber = newCase();
        String id = ServiceApiClient.field(api().multipart("manon", "/api/cases/" + caseNumber + "/records", "note.txt", "Draft.", "other", "2025-01-01").body(), "id");
        repository.newVersion(id, "Corrected.".getBytes(StandardCharsets.UTF_8), "text/plain", "dictation corrected");
        HttpResponse<String> versions = api().get("manon", "/api/records/" + id + "/versions?purpose=RECORDS_ADMINISTRATION");
        assertThat(versions.statusCode()).as(versions.body()).isEqualTo(200);
        assertThat(versions.body()).containsPattern("^\\[\\{\"label\":\"2.0\",\"comment\":\"dictation corrected\"").contains("\"label\":\"1.0\"");
    }

    @Test
    void administratorsSeeTheJobsAndRecordsManagersTheCertificatesInTheConsole() throws Exception {
        HttpClient admin = signedIn("ada");
        HttpResponse<String> jobs = admin.send(HttpRequest.newBuilder(api().uri("/console/jobs")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(jobs.statusCode()).isEqualTo(200);
        assertThat(jobs.body()).contains("data-job=\"consent-expiry\"").contains("data-job=\"disposition-planning\"")
                .contains("data-job=\"hold-coverage\"");
        HttpClient manager = signedIn("manon");
        HttpResponse<String> certificates = manager.send(HttpRequest.newBuilder(api().uri("/console/certificates")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(certificates.statusCode()).isEqualTo(200);
        assertThat(certificates.body()).contains("Disposition certificates");
        assertThat(manager.send(HttpRequest.newBuilder(api().uri("/console/jobs")).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(403);
    }

    /** A console session (form login with the CSRF token), as a browser keeps it. */
    private HttpClient signedIn(String user) throws Exception {
        return com.medcase.service.ConsoleSignIn.signedIn(api().uri("/"), user, PASSWORD);
    }

    private String newCase() throws Exception {
        String caseNumber = "WC-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = api().post("manon", "/api/cases", """
                {"caseNumber":"%s","claimantId":"CLM-%s","caseType":"workersCompensation","jurisdiction":"US-CA"}"""
                .formatted(caseNumber, caseNumber));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return caseNumber;
    }

    interface Call {
        String get() throws Exception;
    }

    private static void await(Call call, Predicate<String> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = call.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + timeout + "; last answer: " + last);
            }
            Thread.sleep(200);
            last = call.get();
        }
    }
}
