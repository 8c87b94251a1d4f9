package com.medcase.service;

import org.junit.jupiter.api.BeforeAll;
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
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole service on the embedded default (H2 file, embedded repository over REST v1, embedded Solr) over real HTTP on
 * loopback: authentication on every endpoint, least privilege by role, consent at request time
 * with audit, holds and ledger verification.
 */
@SpringBootTest(classes = MedCaseApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceApiTest {

    static final String PASSWORD = "test-" + UUID.randomUUID();
    static final String ADJUSTERS = "GROUP_INSURER_ACME_ADJUSTERS";
    static Path home;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private ServiceApiClient api() {
        return new ServiceApiClient(http, port, PASSWORD);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        home = Files.createTempDirectory("medcase-service-test");
        String hash = new BCryptPasswordEncoder(4).encode(PASSWORD);
        registry.add("medcase.home", home::toString);
        // Search runs against the real embedded Solr process (medcase-solr-embedded).
        registry.add("medcase.search.embedded-server-jar", TestSupport::embeddedSolrJar);
        String[][] users = {
                {"ada", "ADMIN"}, {"manon", "RECORDS_MANAGER"}, {"clara", "RECORDS_CLERK"},
                {"hugo", "LEGAL_HOLD_ADMINISTRATOR"}, {"olga", "OUTSIDE_PARTY"}, {"feed", "PROVIDER_FEED"}};
        ConfiguredTestUsers.register(registry, hash, users);
        // the feed sends for any claim here; ImportApiTest checks feeds scoped to some claims
        ConfiguredTestUsers.allowClaims(registry, 5, "*");
    }

    String caseNumber;
    String recordId;

    @BeforeAll
    void fileOneRecord() throws Exception {
        caseNumber = "WC-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = api().post("manon", "/api/cases", """
                {"caseNumber":"%s","claimantId":"CLM-1","caseType":"workersCompensation"}""".formatted(caseNumber));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> filed = api().multipart("manon", "/api/cases/" + caseNumber + "/records", "visit.txt",
                "Knee examination, no effusion.", "clinicalNotes", "2025-03-01");
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        recordId = ServiceApiClient.field(filed.body(), "id");
    }

    /**
     * The model lets a case number carry '/' (mc:caseNumberFormat, e.g. "WC/2026/0001"). Such a case must be reachable
     * at /api/cases/{caseNumber} with the slash percent-encoded, as RFC 3986 says for a path segment; Tomcat's default
     * (encodedSolidusHandling=reject) and Spring Security's StrictHttpFirewall answered 400 to every such address, so
     * the case could be opened but never read or filed into.
     */
    @Test
    void aCaseNumberWithSlashesIsAddressedWithTheSlashesEncoded() throws Exception {
        String caseNumber = "WC/" + UUID.randomUUID().toString().substring(0, 8) + "/0001";
        HttpResponse<String> created = api().post("manon", "/api/cases", """
                {"caseNumber":"%s","claimantId":"CLM-SLASH","caseType":"workersCompensation"}""".formatted(caseNumber));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String encoded = caseNumber.replace("/", "%2F");
        HttpResponse<String> read = api().get("manon", "/api/cases/" + encoded);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(read.body()).contains(caseNumber);
        HttpResponse<String> filed = api().multipart("manon", "/api/cases/" + encoded + "/records", "slash.txt", "Filed into a slashed case.",
                "clinicalNotes", "2025-03-01");
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        assertThat(api().get("manon", "/api/cases/" + encoded + "/records").body()).contains(ServiceApiClient.field(filed.body(), "id"));
        // an encoded slash never reaches another endpoint: the segment stays one case number
        assertThat(api().get("manon", "/api/cases/..%2Fcases").statusCode()).isEqualTo(404);

        // the console's case page, reached as Share's action links it (the case number as a query parameter)
        HttpClient browser = ConsoleSignIn.browser(HttpClient.Redirect.NORMAL);
        ConsoleSignIn.postLogin(browser, api().uri("/"), "manon", PASSWORD);
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(api().uri("/console/open-case?number=" + caseNumber)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.uri().getRawPath()).isEqualTo("/console/cases/" + encoded);
        assertThat(page.body()).contains(caseNumber).contains("slash.txt");

        // the record page, reached as Share's document action links it ({node.nodeRef} of the document)
        String recordId = ServiceApiClient.field(filed.body(), "id");
        HttpResponse<String> recordPage = browser.send(HttpRequest.newBuilder(api().uri("/console/open-record?node=workspace://SpacesStore/" + recordId))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(recordPage.statusCode()).as(recordPage.body()).isEqualTo(200);
        assertThat(recordPage.uri().getRawPath()).isEqualTo("/console/records/" + recordId);
        assertThat(recordPage.body()).contains("slash.txt");
        // anything but a SpacesStore node reference is refused, never turned into another redirect
        for (String bad : new String[]{"https://evil.example/x", "workspace://SpacesStore/../../api/cases", "archive://SpacesStore/" + recordId}) {
            HttpResponse<String> refused = browser.send(HttpRequest.newBuilder(api().uri("/console/open-record?node="
                    + java.net.URLEncoder.encode(bad, StandardCharsets.UTF_8))).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
        }
    }

    @Test
    void providersPostFhirDocumentsWhichAreFiledIntoTheMatchingCaseAndBadOnesAreDeadLettered() throws Exception {
        String content = java.util.Base64.getEncoder().encodeToString("Discharge summary: stable.".getBytes(StandardCharsets.UTF_8));
        String documentReference = """
                {"resourceType":"DocumentReference","id":"dr-%s","status":"current",
                 "identifier":[{"system":"urn:medcase:claim-number","value":"%s"}],
                 "type":{"coding":[{"system":"http://loinc.org","code":"18842-5"}]},
                 "content":[{"attachment":{"contentType":"text/plain","data":"%s","title":"discharge.txt"}}]}""".formatted(
                UUID.randomUUID().toString().substring(0, 8), caseNumber, content);
        HttpResponse<String> posted = api().send(HttpRequest.newBuilder(api().uri("/api/import/fhir")).header("Authorization", api().basic("feed"))
                .header("Content-Type", "application/fhir+json").header("X-Requested-By", "medcase-test").POST(HttpRequest.BodyPublishers.ofString(documentReference)).build());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        assertThat(posted.body()).contains("\"outcome\":\"FILED\"").contains(caseNumber);

        HttpResponse<String> malformed = api().send(HttpRequest.newBuilder(api().uri("/api/import/fhir")).header("Authorization", api().basic("feed"))
                .header("Content-Type", "application/fhir+json").header("X-Requested-By", "medcase-test").POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Document")).build());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(ServiceApiClient.field(malformed.body(), "deadLetterId")).startsWith("DL-");

        // Least privilege: the feed account posts documents and reads nothing; others may not post.
        assertThat(api().get("feed", "/api/cases").statusCode()).isEqualTo(403);
        assertThat(api().post("clara", "/api/import/fhir", documentReference).statusCode()).isEqualTo(403);
    }

    @Test
    void everyEndpointNeedsALogin() throws Exception {
        assertThat(api().send(HttpRequest.newBuilder(api().uri("/api/cases")).GET().build()).statusCode()).isEqualTo(401);
        assertThat(api().send(HttpRequest.newBuilder(api().uri("/api/audit/verification")).GET().build()).statusCode()).isEqualTo(401);
        assertThat(api().send(HttpRequest.newBuilder(api().uri("/console")).GET().build()).statusCode()).isEqualTo(302);
        HttpResponse<String> wrong = api().send(HttpRequest.newBuilder(api().uri("/api/cases"))
                .header("Authorization", ServiceApiClient.basic("manon", "not-the-password")).GET().build());
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    @Test
    void rolesGetOnlyWhatTheyNeed() throws Exception {
        assertThat(api().post("clara", "/api/holds", """
                {"name":"h","matter":"m","reason":"r"}""").statusCode()).isEqualTo(403);
        assertThat(api().get("clara", "/api/audit/verification").statusCode()).isEqualTo(403);
        assertThat(api().get("olga", "/api/cases").statusCode()).isEqualTo(403);
        assertThat(api().get("clara", "/api/cases/" + caseNumber).statusCode()).isEqualTo(200);
    }

    @Test
    void outsidePartyReadsOnlyWithAnAuthorizationAndEveryDecisionIsAudited() throws Exception {
        HttpResponse<String> refused = api().get("olga", "/api/records/" + recordId + "/content?purpose=LITIGATION");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("rule:no-applicable-authorization").doesNotContain("Knee");

        HttpResponse<String> authorization = api().post("manon", "/api/authorizations", """
                {"claimantId":"CLM-1","kind":"GENERAL_HIPAA","discloser":"MedCase records team",
                 "recipient":{"authority":"olga","partyClass":false},"purposes":["LITIGATION"],
                 "provisions":[{"type":"PERMIT","categories":["clinicalNotes"],"sensitivityLabels":[]}],
                 "informationDescription":"Clinical notes of the knee injury","expiresAt":"2099-01-01T00:00:00Z",
                 "signedOn":"2026-01-02","signedBy":"Claimant","revocationRightStated":true,
                 "revocationProcedure":"in writing to MedCase records team","nonConditioningStated":true,"redisclosureStated":true}""");
        assertThat(authorization.statusCode()).as(authorization.body()).isEqualTo(201);

        HttpResponse<String> content = api().get("olga", "/api/records/" + recordId + "/content?purpose=LITIGATION");
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(content.body()).isEqualTo("Knee examination, no effusion.");
        assertThat(content.headers().firstValue("X-MedCase-Redisclosure-Notice")).isEmpty();
        // A request states its purpose: none is a bad request, never a default.
        assertThat(api().get("olga", "/api/records/" + recordId + "/content").statusCode()).isEqualTo(400);

        HttpResponse<String> audit = api().get("ada", "/api/audit/entries?from=1&limit=1000");
        assertThat(audit.body()).contains("\"record.read_content\"").contains("\"DENY\"").contains("\"PERMIT\"");
        HttpResponse<String> verification = api().get("ada", "/api/audit/verification");
        assertThat(verification.statusCode()).isEqualTo(200);
        assertThat(verification.body()).contains("\"intact\":true");
    }

    @Test
    void anInvalidAuthorizationIsRefusedWithTheMissingElement() throws Exception {
        HttpResponse<String> invalid = api().post("manon", "/api/authorizations", """
                {"claimantId":"CLM-1","kind":"GENERAL_HIPAA","discloser":"x",
                 "recipient":{"authority":"olga","partyClass":false},"purposes":["LITIGATION"],
                 "provisions":[{"type":"PERMIT","categories":[],"sensitivityLabels":[]}],
                 "informationDescription":"notes","signedOn":"2026-01-02","signedBy":"Claimant","revocationRightStated":true}""");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("expir");
        HttpResponse<String> noStatements = api().post("manon", "/api/authorizations", """
                {"claimantId":"CLM-1","kind":"GENERAL_HIPAA","discloser":"x",
                 "recipient":{"authority":"olga","partyClass":false},"purposes":["LITIGATION"],
                 "provisions":[{"type":"PERMIT","categories":[],"sensitivityLabels":[]}],"expiresAt":"2099-01-01T00:00:00Z",
                 "informationDescription":"notes","signedOn":"2026-01-02","signedBy":"Claimant","revocationRightStated":true}""");
        assertThat(noStatements.statusCode()).isEqualTo(400);
        assertThat(noStatements.body()).contains("revocationProcedure").contains("164.508(c)(2)(i)");
        HttpResponse<String> compound = api().post("manon", "/api/authorizations", """
                {"claimantId":"CLM-1","kind":"PSYCHOTHERAPY_NOTES","combinedWith":["GENERAL_HIPAA"],"discloser":"x",
                 "recipient":{"authority":"olga","partyClass":false},"purposes":["LITIGATION"],
                 "provisions":[{"type":"PERMIT","categories":["psychotherapyNotes"],"sensitivityLabels":["psychotherapy"]}],
                 "expiresAt":"2099-01-01T00:00:00Z","informationDescription":"notes","signedOn":"2026-01-02","signedBy":"Claimant",
                 "revocationRightStated":true,"revocationProcedure":"in writing","nonConditioningStated":true,"redisclosureStated":true}""");
        assertThat(compound.statusCode()).isEqualTo(400);
        assertThat(compound.body()).contains("164.508(b)(3)(ii)");
    }

    @Test
    void aHoldFreezesTheRecordAndReleaseFreesIt() throws Exception {
        HttpResponse<String> hold = api().post("hugo", "/api/holds", """
                {"name":"Smith v. Acme","matter":"%s","reason":"litigation pending"}""".formatted(caseNumber));
        assertThat(hold.statusCode()).as(hold.body()).isEqualTo(201);
        String holdId = ServiceApiClient.field(hold.body(), "id");
        HttpResponse<String> added = api().post("hugo", "/api/holds/" + holdId + "/items", """
                {"recordIds":["%s"]}""".formatted(recordId));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        assertThat(added.body()).contains("\"nowHeld\":[\"" + recordId + "\"]");
        assertThat(api().get("manon", "/api/records/" + recordId + "?purpose=LITIGATION").body()).contains("mc:legalHold");

        HttpResponse<String> released = api().post("hugo", "/api/holds/" + holdId + "/release", """
                {"reason":"settled"}""");
        assertThat(released.body()).contains("\"nowFree\":[\"" + recordId + "\"]");
        assertThat(api().get("manon", "/api/records/" + recordId + "?purpose=LITIGATION").body()).doesNotContain("mc:legalHold");
    }

    @Test
    void searchIsConsentFilteredBeforeCounting() throws Exception {
        String otherCase = "PI-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api().post("manon", "/api/cases", """
                {"caseNumber":"%s","claimantId":"CLM-2","caseType":"personalInjury"}""".formatted(otherCase)).statusCode()).isEqualTo(201);
        assertThat(api().multipart("manon", "/api/cases/" + otherCase + "/records", "scan.txt", "Zebracardia follow-up",
                "radiologyReport", "2024-02-02").statusCode()).isEqualTo(201);

        HttpResponse<String> manager = api().get("manon", "/api/search?q=zebracardia");
        assertThat(manager.body()).contains("\"total\":1").contains("\"radiologyReport\":1").contains("scan.txt");
        HttpResponse<String> outsider = api().get("olga", "/api/search?q=zebracardia");
        assertThat(outsider.statusCode()).isEqualTo(200);
        assertThat(outsider.body()).contains("\"total\":0").doesNotContain("radiologyReport").doesNotContain("scan.txt");
    }

    /**
     * Search readers are the records' ACL authorities (an authorization's group, not its recipient), and
     * the caller's groups are resolved per query: a revocation empties the group and the very next
     * search hides the record, with no re-indexing in between.
     */
    @Test
    void searchFollowsAnAuthorizationFromGrantToRevocationThroughItsGroup() throws Exception {
        String thirdCase = "PI-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api().post("manon", "/api/cases", """
                {"caseNumber":"%s","claimantId":"CLM-3","caseType":"personalInjury"}""".formatted(thirdCase)).statusCode()).isEqualTo(201);
        HttpResponse<String> filed = api().multipart("manon", "/api/cases/" + thirdCase + "/records", "visit.txt", "Quokkaitis follow-up",
                "clinicalNotes", "2024-03-03");
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        String filedId = ServiceApiClient.field(filed.body(), "id");
        assertThat(api().get("olga", "/api/search?q=quokkaitis").body()).contains("\"total\":0");

        HttpResponse<String> authorization = api().post("manon", "/api/authorizations", """
                {"claimantId":"CLM-3","kind":"GENERAL_HIPAA","discloser":"MedCase records team",
                 "recipient":{"authority":"olga","partyClass":false},"purposes":["LITIGATION"],
                 "provisions":[{"type":"PERMIT","categories":["clinicalNotes"],"sensitivityLabels":[]}],
                 "informationDescription":"Clinical notes","expiresAt":"2099-01-01T00:00:00Z",
                 "signedOn":"2026-01-02","signedBy":"Claimant","revocationRightStated":true,
                 "revocationProcedure":"in writing to MedCase records team","nonConditioningStated":true,"redisclosureStated":true}""");
        assertThat(authorization.statusCode()).as(authorization.body()).isEqualTo(201);
        String authorizationId = ServiceApiClient.field(authorization.body(), "id");
        assertThat(api().get("olga", "/api/search?q=quokkaitis").body()).contains("\"total\":1").contains("visit.txt");
        assertThat(api().get("olga", "/api/records/" + filedId + "/content?purpose=LITIGATION").statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = api().post("manon", "/api/authorizations/" + authorizationId + "/revoke", """
                {"reason":"claimant withdrew consent"}""");
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(api().get("olga", "/api/search?q=quokkaitis").body()).contains("\"total\":0").doesNotContain("visit.txt");
        assertThat(api().get("olga", "/api/records/" + filedId + "/content?purpose=LITIGATION").statusCode()).isEqualTo(403);
        assertThat(api().get("manon", "/api/search?q=quokkaitis").body()).contains("\"total\":1");
    }

    @Test
    void resubmittingAnExistingAuthorizationIdNeverOverwritesIt() throws Exception {
        String body = """
                {"id":"AUTH-FIXED-1","claimantId":"CLM-1","kind":"GENERAL_HIPAA","discloser":"MedCase records team",
                 "recipient":{"authority":"olga","partyClass":false},"purposes":["LITIGATION"],
                 "provisions":[{"type":"PERMIT","categories":["billing"],"sensitivityLabels":[]}],
                 "informationDescription":"Bills","expiresAt":"2099-01-01T00:00:00Z",
                 "signedOn":"2026-01-02","signedBy":"Claimant","revocationRightStated":true,
                 "revocationProcedure":"in writing to MedCase records team","nonConditioningStated":true,"redisclosureStated":true}""";
        assertThat(api().post("manon", "/api/authorizations", body).statusCode()).isEqualTo(201);
        assertThat(api().post("manon", "/api/authorizations/AUTH-FIXED-1/revoke", """
                {"reason":"withdrawn"}""").statusCode()).isEqualTo(200);
        HttpResponse<String> again = api().post("manon", "/api/authorizations", body);
        assertThat(again.statusCode()).as("an existing id is a conflict (issue 10)").isEqualTo(409);
        assertThat(api().get("manon", "/api/authorizations/AUTH-FIXED-1").body()).contains("withdrawn");
    }

    /**
     * A production to a named recipient is decided for that recipient: the Part 2 record goes with a copy of
     * the consent that permits it and the notice (42 CFR 2.32 as amended); the record no consent covers is
     * listed as withheld with its rule, never with its content.
     */
    @Test
    void aProductionToARecipientCarriesTheConsentCopyAndListsWhatItWithholds() throws Exception {
        String productionCase = "PI-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api().post("manon", "/api/cases", """
                {"caseNumber":"%s","claimantId":"CLM-5","caseType":"personalInjury"}""".formatted(productionCase)).statusCode()).isEqualTo(201);
        assertThat(api().multipart("manon", "/api/cases/" + productionCase + "/records", "sud.txt", "Synthetic SUD program note",
                "substanceUseTreatment", "2025-07-01").statusCode()).isEqualTo(201);
        assertThat(api().multipart("manon", "/api/cases/" + productionCase + "/records", "bill.txt", "Synthetic invoice",
                "billing", "2025-07-02").statusCode()).isEqualTo(201);
        HttpResponse<String> consent = api().post("manon", "/api/authorizations", """
                {"id":"AUTH-PART2-5","claimantId":"CLM-5","kind":"PART2_SUD","discloser":"Riverside SUD program",
                 "recipient":{"authority":"olga","partyClass":false},"purposes":["LITIGATION"],
                 "provisions":[{"type":"PERMIT","categories":["substanceUseTreatment"],"sensitivityLabels":[]}],
                 "informationDescription":"SUD treatment summary","expiresAt":"2099-01-01T00:00:00Z",
                 "signedOn":"2026-01-02","signedBy":"Claimant","revocationRightStated":true,
                 "revocationProcedure":"in writing to the program","nonConditioningStated":true,"redisclosureStated":true}""");
        assertThat(consent.statusCode()).as(consent.body()).isEqualTo(201);

        assertThat(api().get("manon", "/api/export/cases/" + productionCase + "?recipient=olga").statusCode()).as("purpose required").isEqualTo(400);
        java.util.Map<String, String> entries = zipEntries("manon", "/api/export/cases/" + productionCase + "?recipient=olga&purpose=LITIGATION");
        assertThat(entries).containsKeys("manifest.json", "consents/AUTH-PART2-5.json", "REDISCLOSURE-NOTICE-42CFR2.txt");
        assertThat(entries.get("consents/AUTH-PART2-5.json")).contains("PART2_SUD").contains("olga");
        assertThat(entries.values()).anyMatch(v -> v.equals("Synthetic SUD program note")).noneMatch(v -> v.equals("Synthetic invoice"));
        assertThat(entries.get("manifest.json")).contains("\"recipient\" : \"olga\"").contains("withheld")
                .contains("rule:no-applicable-authorization");
    }

    @Test
    void claimantExportCarriesManifestFilesFhirBundleAndThePart2Notice() throws Exception {
        String exportCase = "DI-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api().post("manon", "/api/cases", """
                {"caseNumber":"%s","claimantId":"CLM-3","caseType":"disability"}""".formatted(exportCase)).statusCode()).isEqualTo(201);
        assertThat(api().multipart("manon", "/api/cases/" + exportCase + "/records", "program.txt", "Synthetic SUD program summary",
                "substanceUseTreatment", "2025-07-01").statusCode()).isEqualTo(201);

        assertThat(api().get("clara", "/api/export/cases/" + exportCase).statusCode()).isEqualTo(403);
        java.util.Map<String, String> entries = zipEntries("manon", "/api/export/cases/" + exportCase);
        assertThat(entries).containsKeys("manifest.json", "fhir-bundle.json", "REDISCLOSURE-NOTICE-42CFR2.txt");
        assertThat(entries.get("REDISCLOSURE-NOTICE-42CFR2.txt")).contains("42 CFR part 2");
        assertThat(entries.get("fhir-bundle.json")).contains("\"resourceType\": \"Bundle\"")
                .contains("\"resourceType\": \"DocumentReference\"").contains("42CFRPart2").contains("CLM-3");
        assertThat(entries.get("manifest.json")).contains(exportCase).contains("\"part2\" : true");
        assertThat(entries).hasEntrySatisfying(
                entries.keySet().stream().filter(k -> k.startsWith("records/")).findFirst().orElseThrow(),
                content -> assertThat(content).isEqualTo("Synthetic SUD program summary"));
        assertThat(api().get("manon", "/api/export/cases/NO-SUCH-CASE").statusCode()).isEqualTo(404);
    }

    @Test
    void theImportMonitorIsForAdministrators() throws Exception {
        HttpResponse<String> monitor = api().get("ada", "/api/import/monitor");
        assertThat(monitor.statusCode()).as(monitor.body()).isEqualTo(200);
        assertThat(monitor.body()).contains("\"routes\"");
        // Tests in this class share one database (another one dead-letters a malformed FHIR post):
        // the monitor's number must equal what the dead-letter list shows.
        Matcher open = Pattern.compile("\"openDeadLetters\":(\\d+)").matcher(monitor.body());
        assertThat(open.find()).isTrue();
        String deadLetters = api().get("ada", "/api/import/dead-letters").body();
        assertThat(deadLetters.split("\"id\":\"DL-", -1).length - 1).isEqualTo(Integer.parseInt(open.group(1)));
        assertThat(api().get("manon", "/api/import/monitor").statusCode()).isEqualTo(403);
    }

    @Test
    void theApiIsDescribedByOpenApi() throws Exception {
        HttpResponse<String> docs = api().get("clara", "/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("\"/api/cases\"").contains("/api/records/{recordId}/content")
                .contains("/api/authorizations").contains("/api/holds").contains("/api/disposition/due");
    }

    // ---- HTTP helpers ------------------------------------------------------------------------

    /** Downloads a ZIP (answered 200) and returns its entries as text, by name. */
    java.util.Map<String, String> zipEntries(String user, String path) throws Exception {
        HttpResponse<byte[]> zip = http.send(HttpRequest.newBuilder(api().uri(path))
                .header("Authorization", api().basic(user)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        java.util.Map<String, String> entries = new java.util.HashMap<>();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
