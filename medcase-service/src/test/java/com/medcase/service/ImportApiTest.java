package com.medcase.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11 through the whole service (embedded repository, H2, embedded Solr) over HTTP: the claimant
 * registry makes demographic matching work; dead-letter and review listings are masked, one message's
 * bytes are for import administrators only and audited; edit-and-reprocess keeps the original.
 */
@SpringBootTest(classes = MedCaseApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportApiTest {

    static final String PASSWORD = "test-" + UUID.randomUUID();

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    @org.springframework.beans.factory.annotation.Qualifier("binding")
    com.medcase.repository.alfresco.AlfrescoRecordRepository binding;

    @org.springframework.beans.factory.annotation.Autowired
    com.medcase.importing.pipeline.ImportedRecordListener followUp;

    @org.springframework.beans.factory.annotation.Autowired
    com.medcase.store.retention.JdbcRetentionFactsStore retentionFacts;

    private final HttpClient http = HttpClient.newHttpClient();

    private ServiceApiClient api() {
        return new ServiceApiClient(http, port, PASSWORD);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        var home = Files.createTempDirectory("medcase-import-api-test");
        String hash = new BCryptPasswordEncoder(4).encode(PASSWORD);
        registry.add("medcase.home", home::toString);
        registry.add("medcase.search.embedded-server-jar", TestSupport::embeddedSolrJar);
        // feed may send for any claim ("*"), clinic only for claims WC-ALLOW-*, unscoped for none (allowed-claims unset)
        ConfiguredTestUsers.register(registry, hash, new String[][]{{"ada", "ADMIN"}, {"manon", "RECORDS_MANAGER"}, {"feed", "PROVIDER_FEED"},
                {"clinic", "PROVIDER_FEED"}, {"unscoped", "PROVIDER_FEED"}});
        ConfiguredTestUsers.allowClaims(registry, 2, "*");
        ConfiguredTestUsers.allowClaims(registry, 3, "WC-ALLOW-*");
    }

    static String documentReference(String id, String family, String given, String birthDate, String text) {
        String data = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        return """
                {"resourceType":"DocumentReference","id":"%s","status":"current",
                 "contained":[{"resourceType":"Patient","id":"p1","name":[{"family":"%s","given":["%s"]}],"birthDate":"%s"}],
                 "subject":{"reference":"#p1"},
                 "type":{"coding":[{"system":"http://loinc.org","code":"18842-5"}]},
                 "content":[{"attachment":{"contentType":"text/plain","data":"%s","title":"discharge.txt"}}]}""".formatted(
                id, family, given, birthDate, data);
    }

    @Test
    void aClaimantRegisteredThroughTheApiIsFoundByDemographicMatching() throws Exception {
        HttpResponse<String> claimant = api().post("manon", "/api/claimants", """
                {"familyName":"Registryfake","givenName":"Ann","dateOfBirth":"1971-05-06",
                 "identifiers":[{"system":"urn:mrn:fake-clinic","value":"MRN-%s"}]}""".formatted(UUID.randomUUID()));
        assertThat(claimant.statusCode()).as(claimant.body()).isEqualTo(201);
        String claimantId = ServiceApiClient.field(claimant.body(), "id");
        assertThat(api().get("manon", "/api/claimants/" + claimantId).body()).contains("Registryfake").contains("1971-05-06").contains("urn:mrn:fake-clinic");
        String caseNumber = "WC-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> opened = api().post("manon", "/api/cases", """
                {"caseNumber":"%s","claimantId":"%s","caseType":"workersCompensation"}""".formatted(caseNumber, claimantId));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);

        HttpResponse<String> imported = postFhir(documentReference("dr-reg-1", "Registryfake", "Ann", "1971-05-06", "Discharge: stable."));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(imported.body()).contains("\"outcome\":\"FILED\"").contains(caseNumber);

        // a document that carries only the registered identifier (and another name) is matched by it
        String mrn = ServiceApiClient.field(api().get("manon", "/api/claimants/" + claimantId).body(), "value");
        String byIdentifier = """
                {"resourceType":"DocumentReference","id":"dr-reg-2","status":"current",
                 "contained":[{"resourceType":"Patient","id":"p1","identifier":[{"system":"urn:mrn:fake-clinic","value":"%s"}],
                   "name":[{"family":"Married-Name","given":["Ann"]}]}],
                 "subject":{"reference":"#p1"},
                 "type":{"coding":[{"system":"http://loinc.org","code":"18842-5"}]},
                 "content":[{"attachment":{"contentType":"text/plain","data":"%s","title":"second.txt"}}]}""".formatted(mrn,
                Base64.getEncoder().encodeToString("Second visit.".getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> second = postFhir(byIdentifier);
        assertThat(second.body()).contains("\"outcome\":\"FILED\"").contains(caseNumber);

        assertThat(api().post("manon", "/api/claimants", "{\"familyName\":\"X\",\"givenName\":\"Y\"}").statusCode()).isEqualTo(400);
        assertThat(api().post("feed", "/api/claimants", "{}").statusCode()).isEqualTo(403);
    }

    /**
     * Issue 10: "provider feeds can only post, and only for claims they are allowed to send". Before, any
     * PROVIDER_FEED account could file into any case (by claim number or by demographics), read records and search.
     */
    @Test
    void aProviderFeedPostsOnlyForItsOwnClaimsAndReadsNothing() throws Exception {
        String allowed = "WC-ALLOW-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "WC-OTHER-" + UUID.randomUUID().toString().substring(0, 8);
        for (String caseNumber : new String[]{allowed, other}) {
            assertThat(api().post("manon", "/api/cases", """
                    {"caseNumber":"%s","claimantId":"CLM-%s","caseType":"workersCompensation"}""".formatted(caseNumber, caseNumber))
                    .statusCode()).isEqualTo(201);
        }

        HttpResponse<String> foreign = postFhir("clinic", withClaim(documentReference("dr-scope-1", "Scopefake", "Ann", "1970-01-01", "x"), other));
        assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(403);
        assertThat(foreign.body()).contains(other).contains("allowed-claims");
        assertThat(api().get("manon", "/api/cases/" + other + "/records").body()).as("nothing filed into the other claim").doesNotContain("\"id\"");

        HttpResponse<String> unnamed = postFhir("clinic", documentReference("dr-scope-2", "Scopefake", "Ann", "1970-01-01", "y"));
        assertThat(unnamed.statusCode()).as("a scoped feed must name its claim").isEqualTo(403);

        HttpResponse<String> own = postFhir("clinic", withClaim(documentReference("dr-scope-3", "Scopefake", "Ann", "1970-01-01", "z"), allowed));
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(own.body()).contains("\"outcome\":\"FILED\"").contains(allowed);
        String filedId = ServiceApiClient.field(own.body(), "id");

        HttpResponse<String> none = postFhir("unscoped", withClaim(documentReference("dr-scope-4", "Scopefake", "Ann", "1970-01-01", "w"), allowed));
        assertThat(none.statusCode()).as(none.body()).isEqualTo(403);
        assertThat(none.body()).contains("allowed-claims");

        // a feed only posts: no record, no search, no case list
        assertThat(api().get("clinic", "/api/records/" + filedId + "?purpose=LITIGATION").statusCode()).isEqualTo(403);
        assertThat(api().get("clinic", "/api/records/" + filedId + "/content?purpose=LITIGATION").statusCode()).isEqualTo(403);
        assertThat(api().get("clinic", "/api/search?q=Scopefake").statusCode()).isEqualTo(403);
        assertThat(api().get("clinic", "/api/cases").statusCode()).isEqualTo(403);
    }

    static String withClaim(String documentReference, String claimNumber) {
        return documentReference.replaceFirst("\"status\":\"current\",",
                "\"status\":\"current\",\"identifier\":[{\"system\":\"urn:medcase:claim-number\",\"value\":\"" + claimNumber + "\"}],");
    }

    @Test
    void deadLetterBytesAreForImportAdministratorsAuditedAndAnEditKeepsTheOriginal() throws Exception {
        String broken = "{\"resourceType\":\"DocumentReference\",\"id\":\"dr-broken\",\"status\":\"current\",\"content\":[{\"attachment\":{}}],"
                + "\"contained\":[{\"resourceType\":\"Patient\",\"id\":\"p1\",\"name\":[{\"family\":\"Secretfamily\"}]}]}";
        HttpResponse<String> rejected = postFhir(broken);
        assertThat(rejected.statusCode()).as(rejected.body()).isBetween(400, 499);
        String id = ServiceApiClient.field(rejected.body(), "deadLetterId");

        String listing = api().get("ada", "/api/import/dead-letters").body();
        assertThat(listing).contains(id).contains("\"errorCode\"").doesNotContain("Secretfamily").doesNotContain("\"original\"");
        assertThat(api().get("manon", "/api/import/dead-letters/" + id).statusCode()).isEqualTo(403);

        HttpResponse<String> detail = api().get("ada", "/api/import/dead-letters/" + id);
        assertThat(detail.statusCode()).isEqualTo(200);
        String original = new String(Base64.getDecoder().decode(ServiceApiClient.field(detail.body(), "original")), StandardCharsets.UTF_8);
        assertThat(original).isEqualTo(broken);
        assertThat(api().get("ada", "/api/audit/entries?limit=1000").body()).contains("import.dead-letter.read").contains(id);

        String fixed = documentReference("dr-broken", "Nomatchfake", "Edit", "1950-01-01", "corrected");
        HttpResponse<String> reprocessed = api().send(HttpRequest.newBuilder(api().uri("/api/import/dead-letters/" + id + "/reprocess"))
                .header("Authorization", api().basic("ada")).header("X-Requested-By", "medcase-test").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(fixed)).build());
        assertThat(reprocessed.statusCode()).as(reprocessed.body()).isEqualTo(200);
        assertThat(reprocessed.body()).contains("\"succeeded\":true");
        String after = api().get("ada", "/api/import/dead-letters/" + id).body();
        assertThat(new String(Base64.getDecoder().decode(ServiceApiClient.field(after, "original")), StandardCharsets.UTF_8)).as("the original is kept").isEqualTo(broken);
        assertThat(new String(Base64.getDecoder().decode(ServiceApiClient.field(after, "edited")), StandardCharsets.UTF_8)).isEqualTo(fixed);
        assertThat(ServiceApiClient.field(after, "editedBy")).isEqualTo("ada");

        // the corrected document named nobody registered: it waits for review, listed without its metadata
        String reviews = api().get("ada", "/api/import/review").body();
        assertThat(reviews).contains("dr-broken").doesNotContain("Nomatchfake");
    }

    @Test
    void theMonitorShowsPersistentCountersAndANonZeroLatency() throws Exception {
        postFhir(documentReference("dr-mon-" + UUID.randomUUID().toString().substring(0, 6), "Nobodyfake", "Mon", "1960-01-01", "monitor"));
        String monitor = api().get("ada", "/api/import/monitor").body();
        Matcher received = Pattern.compile("\"route\":\"fhir\",\"received\":(\\d+)").matcher(monitor);
        assertThat(received.find()).as(monitor).isTrue();
        assertThat(Long.parseLong(received.group(1))).isPositive();
        Matcher mean = Pattern.compile("\"meanLatencyMillis\":([0-9.E-]+)").matcher(monitor);
        assertThat(mean.find()).isTrue();
        assertThat(Double.parseDouble(mean.group(1))).isPositive();
    }

    // ---- HTTP helpers --------------------------------------------------------------------------

    /**
     * An imported record's search entry (its text through Tika, its readers) is made just after the feed's answer, as
     * ACS's index follows a committed transaction; before, the answer waited for it, which was half of a filing's time.
     * The record is searchable a moment later, by its words, for the records team.
     */
    @Test
    void anImportedRecordIsSearchableByItsWordsAMomentAfterItIsFiled() throws Exception {
        String caseNumber = "WC-SEARCH-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api().post("manon", "/api/cases", """
                {"caseNumber":"%s","claimantId":"CLM-%s","caseType":"workersCompensation"}""".formatted(caseNumber, caseNumber))
                .statusCode()).isEqualTo(201);

        HttpResponse<String> filed = postFhir(withClaim(documentReference("dr-search-1", "Searchfake", "Ann", "1970-01-01",
                "Follow-up: plantar xylofasciitis resolving."), caseNumber));
        assertThat(filed.body()).contains("\"outcome\":\"FILED\"");

        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        String found = "";
        while (System.nanoTime() < deadline && !found.contains("\"total\":1")) {
            found = api().get("manon", "/api/search?q=xylofasciitis").body();
            Thread.sleep(50); // the search entry follows the answer; how soon is what this waits for
        }
        assertThat(found).contains("\"total\":1").contains(caseNumber);
    }

    /**
     * A crash after the repository stored an imported record but before the governed repository's filing listeners
     * ran leaves a record without retention facts: it would never be given a disposition date. The lease takeover (or
     * the recovery) finds the record and hands it to the follow-up, which now records its facts when they are missing.
     */
    @Test
    void aRecordTheCrashLeftWithoutRetentionFactsGetsThemFromItsFollowUp() throws Exception {
        String caseNumber = "WC-FACTS-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> opened = api().post("manon", "/api/cases", """
                {"caseNumber":"%s","claimantId":"CLM-%s","caseType":"workersCompensation","jurisdiction":"US-CA"}""".formatted(caseNumber, caseNumber));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        com.medcase.repository.CaseFolder folder = binding.findCaseByNumber(caseNumber).orElseThrow();
        // what the binding stored before the crash: the record, and none of what the governed repository's listeners do
        com.medcase.repository.StoredRecord stored = binding.fileRecord(folder.id(), new com.medcase.repository.NewRecord("visit.txt",
                "text/plain", "Visit note.".getBytes(StandardCharsets.UTF_8), java.util.Map.of(
                com.medcase.model.MedCaseModel.PROP_RECORD_CATEGORY, "clinicalNotes",
                com.medcase.model.MedCaseModel.PROP_RECEIVED_DATE, java.time.LocalDate.of(2026, 11, 2)), java.util.Map.of()));
        assertThat(retentionFacts.find(stored.id())).isEmpty();

        followUp.recordsImported(java.util.List.of(stored));

        assertThat(retentionFacts.find(stored.id())).hasValueSatisfying(f -> assertThat(f.category()).isEqualTo("clinicalNotes"));
    }

    /**
     * More feeds at once than the database pool has connections (8), all into one case: every filing plans
     * the case's disposition while its facts are locked. The planner took a second pooled connection there,
     * and with every connection held by a filer waiting for those locks, the service stopped answering.
     */
    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void sixteenFeedsAtOnceIntoOneCaseAreAllFiled(org.springframework.boot.test.system.CapturedOutput output) throws Exception {
        HttpResponse<String> claimant = api().post("manon", "/api/claimants", """
                {"familyName":"Concurrentfake","givenName":"Lee","dateOfBirth":"1968-03-04"}""");
        assertThat(claimant.statusCode()).as(claimant.body()).isEqualTo(201);
        String caseNumber = "WC-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> opened = api().post("manon", "/api/cases", """
                {"caseNumber":"%s","claimantId":"%s","caseType":"workersCompensation"}""".formatted(caseNumber,
                ServiceApiClient.field(claimant.body(), "id")));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);

        int feeds = 16;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(feeds);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<HttpResponse<String>>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < feeds; i++) {
                String json = documentReference("dr-concurrent-" + i, "Concurrentfake", "Lee", "1968-03-04", "Visit note " + i + ".");
                sent.add(pool.submit(() -> {
                    start.await();
                    return postFhir(json);
                }));
            }
            start.countDown();
            java.util.List<String> recordIds = new java.util.ArrayList<>();
            for (var f : sent) {
                HttpResponse<String> imported = f.get(2, java.util.concurrent.TimeUnit.MINUTES);
                assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
                assertThat(imported.body()).contains("\"outcome\":\"FILED\"").contains(caseNumber);
                recordIds.add(ServiceApiClient.field(imported.body(), "id"));
            }
            // each filing planned its case then: with the deadlock, the filings that waited gave up on the lock or pool
            // timeout (seconds later), left their planning to the scheduled planner and said so
            assertThat(output.getAll()).doesNotContain("left to the scheduled planner");
            try (var c = dataSource.getConnection(); var ps = c.prepareStatement("SELECT COUNT(*) FROM mc_retention_unplanned WHERE record_id = ANY (?)")) {
                ps.setArray(1, c.createArrayOf("varchar", recordIds.toArray(String[]::new)));
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("records still waiting for the planner").isZero();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    javax.sql.DataSource dataSource;

    HttpResponse<String> postFhir(String json) throws Exception {
        return postFhir("feed", json);
    }

    HttpResponse<String> postFhir(String feed, String json) throws Exception {
        return api().send(HttpRequest.newBuilder(api().uri("/api/import/fhir")).header("Authorization", api().basic(feed)).header("X-Requested-By", "medcase-test")
                .header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }
}
