package com.medcase.service;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 10, tried from the outside over real HTTP on loopback (the whole service on the embedded default): each
 * test is one open door the issue found, shut.
 */
@SpringBootTest(classes = MedCaseApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityHardeningTest {

    static final String PASSWORD = "test-" + UUID.randomUUID();
    static final String BREACHED = "correct-horse-battery-staple";
    static Path home;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private ServiceApiClient api() {
        return new ServiceApiClient(http, port, PASSWORD);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        home = Files.createTempDirectory("medcase-security-test");
        Path breachList = home.resolveSibling(home.getFileName() + "-breached.txt");
        Files.writeString(breachList, "123456\n" + BREACHED + "\n");
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        registry.add("medcase.home", home::toString);
        registry.add("medcase.protection.password-policy.breach-list", breachList::toString);
        String[][] users = {
                {"ada", "ADMIN", PASSWORD}, {"manon", "RECORDS_MANAGER", PASSWORD}, {"lock", "RECORDS_MANAGER", PASSWORD},
                {"formlock", "RECORDS_MANAGER", PASSWORD}, {"shorty", "RECORDS_MANAGER", "short-pw"},
                {"breachy", "RECORDS_MANAGER", BREACHED}};
        for (int i = 0; i < users.length; i++) {
            ConfiguredTestUsers.add(registry, i, users[i][0], bcrypt.encode(users[i][2]), users[i][1]);
        }
    }

    String caseNumber;

    @BeforeAll
    void openACase() throws Exception {
        caseNumber = "SEC-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = api().post("manon", "/api/cases", """
                {"caseNumber":"%s","claimantId":"CLM-SEC","caseType":"workersCompensation"}""".formatted(caseNumber));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /** Least privilege: the operations role (ADMIN) runs the service and never reads record content, of any category. */
    @Test
    void theOperationsRoleNeverReadsRecordContent() throws Exception {
        for (String category : List.of("psychotherapyNotes", "substanceUseTreatment", "clinicalNotes")) {
            HttpResponse<String> filed = api().upload("manon", "/api/cases/" + caseNumber + "/records", category + ".txt",
                    "text/plain", "Synthetic " + category + " body", category);
            assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
            String id = ServiceApiClient.field(filed.body(), "id");
            HttpResponse<String> asAdmin = api().get("ada", "/api/records/" + id + "/content?purpose=LITIGATION");
            assertThat(asAdmin.statusCode()).as(category).isEqualTo(403);
            assertThat(asAdmin.body()).doesNotContain("Synthetic");
            assertThat(api().get("ada", "/api/records/" + id + "?purpose=LITIGATION").statusCode()).as(category + " metadata").isEqualTo(403);
            assertThat(api().get("manon", "/api/records/" + id + "/content?purpose=LITIGATION").statusCode()).isEqualTo(200);
        }
    }

    /** Ids of authorizations are the server's: an existing one is a conflict, and a revoked authorization stays revoked. */
    @Test
    void anExistingAuthorizationIdIsAConflictAndARevocationStays() throws Exception {
        String body = """
                {"id":"AUTH-SEC-1","claimantId":"CLM-SEC","kind":"GENERAL_HIPAA","discloser":"MedCase records team",
                 "recipient":{"authority":"olga","partyClass":false},"purposes":["LITIGATION"],
                 "provisions":[{"type":"PERMIT","categories":["billing"],"sensitivityLabels":[]}],
                 "informationDescription":"Bills","expiresAt":"2099-01-01T00:00:00Z",
                 "signedOn":"2026-01-02","signedBy":"Claimant","revocationRightStated":true,
                 "revocationProcedure":"in writing to MedCase records team","nonConditioningStated":true,"redisclosureStated":true}""";
        assertThat(api().post("manon", "/api/authorizations", body).statusCode()).isEqualTo(201);
        assertThat(api().post("manon", "/api/authorizations/AUTH-SEC-1/revoke", "{\"reason\":\"withdrawn\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> again = api().post("manon", "/api/authorizations", body);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        HttpResponse<String> revokeAgain = api().post("manon", "/api/authorizations/AUTH-SEC-1/revoke", "{\"reason\":\"other\"}");
        assertThat(revokeAgain.statusCode()).as(revokeAgain.body()).isEqualTo(409);
        assertThat(api().get("manon", "/api/authorizations/AUTH-SEC-1").body()).contains("withdrawn").doesNotContain("\"other\"");
        HttpResponse<String> generated = api().post("manon", "/api/authorizations", body.replace("\"id\":\"AUTH-SEC-1\",", ""));
        assertThat(generated.statusCode()).isEqualTo(201);
        assertThat(ServiceApiClient.field(generated.body(), "id")).startsWith("AUTH-").isNotEqualTo("AUTH-SEC-1");
    }

    /**
     * A provider-sent HTML file with a non-Latin-1 name is still an attachment (RFC 6266 filename*), never rendered from
     * the service's origin; every response says nosniff and carries a restrictive CSP.
     */
    @Test
    void contentIsAlwaysAnAttachmentAndEveryResponseForbidsSniffingAndScripts() throws Exception {
        HttpResponse<String> filed = api().upload("manon", "/api/cases/" + caseNumber + "/records", "отчёт врача.html", "text/html",
                "<script>alert(document.cookie)</script>", "clinicalNotes");
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        HttpResponse<String> content = api().get("manon", "/api/records/" + ServiceApiClient.field(filed.body(), "id") + "/content?purpose=LITIGATION");
        assertThat(content.statusCode()).isEqualTo(200);
        String disposition = content.headers().firstValue("Content-Disposition").orElse("");
        assertThat(disposition).startsWith("attachment;")
                // the stem as sent; the extension follows the type sniffed from the bytes (issue 11: an HTML declaration
                // on bytes Tika cannot identify as HTML is not kept), so it is not asserted here
                .contains("filename*=UTF-8''" + URLEncoder.encode("отчёт врача.", StandardCharsets.UTF_8).replace("+", "%20"));
        assertThat(content.headers().firstValue("Content-Type").orElse("")).doesNotStartWith("text/html");
        assertThat(content.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(content.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'none'").contains("sandbox");

        for (HttpResponse<String> any : List.of(api().get("manon", "/api/cases"), api().send(HttpRequest.newBuilder(api().uri("/login")).GET().build()),
                api().send(HttpRequest.newBuilder(api().uri("/api/cases")).GET().build()))) {
            assertThat(any.headers().firstValue("X-Content-Type-Options")).as(any.uri().toString()).contains("nosniff");
            assertThat(any.headers().firstValue("Content-Security-Policy").orElse("")).as(any.uri().toString())
                    .contains("default-src").contains("frame-ancestors 'none'").doesNotContain("unsafe-eval");
        }
    }

    /** A browser can send Basic credentials by itself with a cross-site form post; it cannot add a custom header. */
    @Test
    void theApiRefusesWritesWithoutTheRequestedByHeader() throws Exception {
        String json = """
                {"caseNumber":"CSRF-%s","claimantId":"CLM-SEC","caseType":"personalInjury"}""".formatted(UUID.randomUUID());
        HttpResponse<String> noHeader = api().send(HttpRequest.newBuilder(api().uri("/api/cases")).header("Authorization", api().basic("manon"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
        assertThat(noHeader.statusCode()).isEqualTo(403);
        HttpResponse<String> form = api().send(HttpRequest.newBuilder(api().uri("/api/authorizations/AUTH-X/revoke"))
                .header("Authorization", api().basic("manon")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("reason=x")).build());
        assertThat(form.statusCode()).isEqualTo(403);
        assertThat(api().post("manon", "/api/cases", json).statusCode()).isEqualTo(201);
        assertThat(api().get("manon", "/api/cases").statusCode()).isEqualTo(200);
    }

    /** Disclosures are audited with the real user; a search's entry lists the hit ids, never the query or names. */
    @Test
    void searchHitsAndCaseListingsAreAuditedWithoutPhi() throws Exception {
        HttpResponse<String> filed = api().upload("manon", "/api/cases/" + caseNumber + "/records", "echo.txt", "text/plain",
                "Xylophonitis of the left wrist", "clinicalNotes");
        String id = ServiceApiClient.field(filed.body(), "id");
        assertThat(api().get("manon", "/api/search?q=xylophonitis").body()).contains(id);
        assertThat(api().get("manon", "/api/cases/" + caseNumber + "/records").statusCode()).isEqualTo(200);
        String audit = api().get("ada", "/api/audit/entries?from=1&limit=10000").body();
        Matcher search = Pattern.compile("\\{[^{}]*\"action\":\"search\\.hits\"[^{}]*\\{[^{}]*\\}[^{}]*\\}").matcher(audit);
        String searchEntry = null;
        while (search.find()) {
            if (search.group().contains(id)) {
                searchEntry = search.group();
            }
        }
        assertThat(searchEntry).as(audit).isNotNull().contains("\"actor\":\"manon\"");
        assertThat(audit).doesNotContainIgnoringCase("xylophonitis");
        assertThat(audit).contains("\"action\":\"case.records.list\"");
    }

    /** Requests are bounded: a body larger than the limit is refused before it is read. */
    @Test
    void anOversizedBodyIsRefused() throws Exception {
        String huge = "{\"caseNumber\":\"" + "A".repeat(3 * 1024 * 1024) + "\"}";
        HttpResponse<String> answer = api().post("manon", "/api/cases", huge);
        assertThat(answer.statusCode()).isEqualTo(413);
    }

    /** Failed logins lock the account for a while, over Basic and over the console's form alike. */
    @Test
    void repeatedFailedLoginsLockTheAccount() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(api().send(HttpRequest.newBuilder(api().uri("/api/cases")).header("Authorization", ServiceApiClient.basic("lock", "wrong-" + i)).GET().build())
                    .statusCode()).isEqualTo(401);
        }
        assertThat(api().get("lock", "/api/cases").statusCode()).as("right password while locked").isEqualTo(401);

        for (int i = 0; i < 5; i++) {
            formLogin("formlock", "wrong-" + i);
        }
        assertThat(formLogin("formlock", PASSWORD)).as("right password while locked").contains("/login?error");
        assertThat(api().get("formlock", "/api/cases").statusCode()).as("locked across Basic and form").isEqualTo(401);
    }

    /** Configured users must have passwords of at least 12 characters that are not on the breach list. */
    @Test
    void passwordsThatFailThePolicyCannotLogIn() throws Exception {
        assertThat(api().send(HttpRequest.newBuilder(api().uri("/api/cases")).header("Authorization", ServiceApiClient.basic("shorty", "short-pw")).GET().build())
                .statusCode()).isEqualTo(401);
        assertThat(api().send(HttpRequest.newBuilder(api().uri("/api/cases")).header("Authorization", ServiceApiClient.basic("breachy", BREACHED)).GET().build())
                .statusCode()).isEqualTo(401);
    }

    /** The console's session cookie is Secure and SameSite. */
    @Test
    void theSessionCookieIsSecureAndSameSite() throws Exception {
        HttpResponse<String> login = api().send(HttpRequest.newBuilder(api().uri("/login")).GET().build());
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID")).findFirst().orElse("");
        assertThat(cookie).contains("Secure").contains("HttpOnly").containsIgnoringCase("SameSite=");
    }

    /** The service binds loopback by default: from any other address of this machine, nothing answers. */
    @Test
    void theServiceListensOnLoopbackOnly() throws Exception {
        InetAddress other = null;
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && nic.isUp()) {
                    other = a;
                }
            }
        }
        Assumptions.assumeTrue(other != null, "this machine has no non-loopback IPv4 address");
        InetAddress target = other;
        assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(target, port), 2000);
            }
        }).isInstanceOf(IOException.class);
    }

    @org.springframework.beans.factory.annotation.Autowired
    javax.sql.DataSource dataSource;

    /**
     * The ledger key lives outside the data directory, owner-only; a ledger rewritten and resealed offline (plain hashes
     * recomputed by direct SQL) is reported broken by the service's verification.
     */
    @Test
    void theLedgerIsKeyedOutsideTheDataDirectoryAndAnOfflineResealIsFound() throws Exception {
        Path keys = home.toAbsolutePath().resolveSibling(home.getFileName() + "-keys");
        assertThat(keys.resolve("ledger.key")).isRegularFile();
        assertThat(Files.getPosixFilePermissions(keys)).containsExactlyInAnyOrderElementsOf(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(keys.resolve("ledger.key"))).containsExactlyInAnyOrderElementsOf(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        try (var walk = Files.walk(home)) {
            assertThat(walk.filter(p -> p.getFileName().toString().endsWith(".key")).toList()).isEmpty();
        }
        assertThat(api().post("manon", "/api/cases", """
                {"caseNumber":"LEDGER-%s","claimantId":"CLM-SEC","caseType":"personalInjury"}""".formatted(UUID.randomUUID()))
                .statusCode()).isEqualTo(201);
        assertThat(api().get("ada", "/api/audit/verification").body()).contains("\"intact\":true");

        try (var c = dataSource.getConnection(); var st = c.createStatement()) {
            long last;
            try (var rs = st.executeQuery("SELECT last_sequence FROM mc_audit_head WHERE id = 1")) {
                rs.next();
                last = rs.getLong(1);
            }
            // Rewrite the last entry's actor and reseal it with the plain hash, as an intruder without the key would.
            var entry = new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules()
                    .readTree(api().get("ada", "/api/audit/entries?from=" + last + "&limit=1").body()).get(0);
            var event = entry.get("event");
            java.util.Map<String, String> details = new java.util.TreeMap<>();
            event.get("details").properties().forEach(e -> details.put(e.getKey(), e.getValue().asText()));
            com.medcase.audit.AuditEvent forged = new com.medcase.audit.AuditEvent("somebody-else", null, event.get("action").asText(),
                    event.get("subjectId").asText(), event.get("outcome").asText(),
                    event.get("reason").isNull() ? null : event.get("reason").asText(), details);
            String hash = com.medcase.audit.AuditEntry.computeHash(last, java.time.Instant.parse(entry.get("timestamp").asText()), forged,
                    entry.get("previousHash").asText());
            st.execute("UPDATE mc_audit_entry SET actor = 'somebody-else', hash = '" + hash + "' WHERE sequence = " + last);
            st.execute("UPDATE mc_audit_head SET last_hash = '" + hash + "' WHERE id = 1");
        }
        String verification = api().get("ada", "/api/audit/verification").body();
        assertThat(verification).contains("\"intact\":false").contains("MAC");
    }

    /**
     * Data at rest on the embedded default: the service's H2 file is AES-encrypted (no clear-text H2 header, no clear
     * text of what was written), the repository's content files are encrypted, every data directory is owner-only, and
     * the keys are outside the data directory.
     */
    @Test
    void theDataAtRestIsEncryptedWithKeysOutsideTheDataDirectory() throws Exception {
        String marker = "Quetzalcoatlitis-" + UUID.randomUUID();
        HttpResponse<String> filed = api().upload("manon", "/api/cases/" + caseNumber + "/records", marker + ".txt", "text/plain",
                "Synthetic note " + marker, "clinicalNotes");
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        assertThat(api().get("manon", "/api/records/" + ServiceApiClient.field(filed.body(), "id") + "/content?purpose=LITIGATION").body()).contains(marker);

        Path database = home.resolve("data/medcase.mv.db");
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(database), 16);
        assertThat(new String(head, StandardCharsets.ISO_8859_1)).doesNotStartWith("H:2").startsWith("H2encrypt");
        try (var walk = Files.walk(home)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(marker);
            }
        }
        for (Path dir : List.of(home, home.resolve("data"), home.resolve("repository"), home.resolve("repository/contentstore"))) {
            assertThat(Files.getPosixFilePermissions(dir)).as(dir.toString())
                    .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
        Path keys = home.toAbsolutePath().resolveSibling(home.getFileName() + "-keys");
        assertThat(keys.resolve("database.key")).isRegularFile();
        assertThat(keys.resolve("content.key")).isRegularFile();
    }

    // ---- HTTP helpers ------------------------------------------------------------------------

    /** Posts the console's login form (with its CSRF token) and returns where it redirects. */
    String formLogin(String user, String password) throws Exception {
        HttpResponse<String> answer = ConsoleSignIn.postLogin(ConsoleSignIn.browser(HttpClient.Redirect.NEVER), api().uri("/"), user, password);
        return answer.headers().firstValue("Location").orElse("status " + answer.statusCode());
    }

}
