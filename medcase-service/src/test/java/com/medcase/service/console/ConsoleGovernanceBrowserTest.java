package com.medcase.service.console;

import com.medcase.service.ConfiguredTestUsers;
import com.medcase.repository.RecordRepository;
import com.medcase.service.MedCaseApplication;
import com.medcase.service.cases.CaseFiling;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13's governance jobs in headless Chromium, each as the role that does it: a records manager filters the
 * disposition due list, approves in bulk (per item: approved, a second approver needed, held), a second manager
 * gives the second approval, the execution shows its progress and certificates, and the certificates page lists
 * them; a legal hold administrator holds a claimant, is refused removing a record the claimant scope covers,
 * removes scope and record with a reason and confirmation, adds a saved query, and confirms an urgent hold; the
 * record page lists the version history. Each page: axe-core WCAG 2.1 A/AA clean at 1,280 and 800 px, screenshots
 * in target/console-screenshots/.
 */
@SpringBootTest(classes = MedCaseApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleGovernanceBrowserTest {

    static final String PASSWORD = "console-" + UUID.randomUUID();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path home = Files.createTempDirectory("medcase-console-governance-test");
        registry.add("medcase.home", home::toString);
        registry.add("medcase.search.embedded-server-jar", () -> "does-not-exist.jar");
        registry.add("medcase.scheduling.disposition-planning-period", () -> "1s");
        String hash = new BCryptPasswordEncoder(4).encode(PASSWORD);
        String[][] users = {{"manon", "RECORDS_MANAGER"}, {"mara", "RECORDS_MANAGER"}, {"holdie", "LEGAL_HOLD_ADMINISTRATOR"}};
        ConfiguredTestUsers.register(registry, hash, users);
    }

    @LocalServerPort
    int port;

    @Autowired
    CaseFiling filing;

    @Autowired
    RecordRepository repository;

    WebDriver browser;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startBrowser() {
        browser = HeadlessConsoleBrowser.start();
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void managersApproveInBulkWithASecondApproverForSensitiveRecordsAndWatchTheExecutionToItsCertificates() throws Exception {
        assertThat(api("manon", "POST", "/api/retention/schedules", """
                {"id":"RS-UI-RAD","category":"radiologyReport","jurisdiction":"*","trigger":"LAST_DATE_OF_SERVICE","retainFor":"P1Y",
                 "action":"DESTROY_ENTIRELY","minimumRetention":"P0D"}""").statusCode()).isEqualTo(201);
        String caseNumber = "WC-DISP-" + suffix();
        filing.openCase(new CaseFiling.CaseRequest(caseNumber, "CLM-DISP-" + suffix(), "disability", "CA", LocalDate.of(2026, 1, 5)), "manon");
        String plain = file(caseNumber, "ct.txt", List.of()).id();
        String sensitive = file(caseNumber, "hiv-ct.txt", List.of("hiv")).id();
        String held = file(caseNumber, "mri.txt", List.of()).id();
        String holdId = field(api("holdie", "POST", "/api/holds", "{\"name\":\"Keep the MRI\",\"matter\":\"M-1\",\"reason\":\"suit\"}").body(), "id");
        assertThat(api("holdie", "POST", "/api/holds/" + holdId + "/items", "{\"recordIds\":[\"" + held + "\"]}").statusCode()).isEqualTo(200);
        await(Duration.ofSeconds(30)).until(d -> {
            String body = call("manon", "/api/disposition/items?caseNumber=" + caseNumber);
            return body.contains(plain) && body.contains(sensitive) && body.contains(held);
        });

        signIn("manon");
        click(By.id("nav-disposition"));
        type("d-case", caseNumber);
        click(By.id("d-submit"));
        await().until(d -> d.findElements(By.cssSelector("tr.disposition-row")).size() == 3);
        check("disposition");
        click(By.id("select-all"));
        click(By.id("approve-selected"));
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("approval-outcomes")));
        assertThat(outcome(plain)).isEqualTo("APPROVED");
        assertThat(outcome(sensitive)).isEqualTo("NEEDS_SECOND_APPROVER");
        assertThat(outcome(held)).isEqualTo("HELD");
        assertThat(browser.findElement(By.id("approval-outcomes")).getText()).contains("second, different records manager").contains("legal hold");
        check("disposition-approved");

        switchTo("mara");
        browser.get(url("/console/disposition?caseNumber=" + caseNumber + "&status=DUE"));
        click(By.cssSelector("input.select-item[value='" + sensitive + "']"));
        click(By.id("approve-selected"));
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("approval-outcomes")));
        assertThat(outcome(sensitive)).isEqualTo("APPROVED");

        browser.get(url("/console/disposition?caseNumber=" + caseNumber + "&status=APPROVED"));
        await().until(d -> d.findElements(By.cssSelector("tr.disposition-row")).size() == 2);
        click(By.id("select-all"));
        click(By.id("execute-selected"));
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-state"), "Finished."));
        assertThat(browser.findElement(By.id("run-progress")).getText()).isEqualTo("2 of 2 done");
        assertThat(browser.findElements(By.cssSelector("li.run-certificate"))).hasSize(2);
        assertThat(browser.findElements(By.cssSelector("li.run-failure"))).isEmpty();
        check("disposition-run");
        List<String> issued = browser.findElements(By.cssSelector("li.run-certificate a")).stream().map(a -> a.getAttribute("href"))
                .filter(h -> h.endsWith("/pdf")).toList();
        assertThat(issued).hasSize(2);

        click(By.id("nav-certificates"));
        assertThat(browser.findElements(By.cssSelector("tr.certificate-row"))).extracting(r -> r.getAttribute("data-id"))
                .containsAll(issued.stream().map(h -> h.replaceAll(".*/certificates/([^/]+)/pdf$", "$1")).toList());
        HttpResponse<byte[]> pdf = http.send(HttpRequest.newBuilder(URI.create(issued.get(0).replace("/console/certificates", "/api/disposition/certificates")))
                .header("Authorization", basic("manon")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        check("certificates");
    }

    @Test
    void aHoldAdministratorHoldsAClaimantRemovesARecordWithItsScopeAddsAQueryAndConfirmsAnUrgentHold() throws Exception {
        String claimant = "CLM-HOLDC-" + suffix();
        String caseNumber = "WC-HOLDC-" + suffix();
        filing.openCase(new CaseFiling.CaseRequest(caseNumber, claimant, "disability", "CA", LocalDate.of(2026, 1, 5)), "manon");
        String first = file(caseNumber, "first.txt", List.of()).id();
        String second = file(caseNumber, "second.txt", List.of()).id();

        signIn("holdie");
        click(By.id("nav-holds"));
        type("h-name", "Claimant hold " + suffix());
        type("h-matter", "2026-CV-77");
        type("h-reason", "Claim letter received");
        type("h-claimant", claimant);
        click(By.id("h-submit"));
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("hold-items")));
        assertThat(browser.findElements(By.cssSelector("tr.hold-item"))).extracting(r -> r.getAttribute("data-item"))
                .containsExactlyInAnyOrder("claimant:" + claimant, first, second);
        check("hold-claimant");

        // The claimant scope would put the record back: removing it alone is refused, with why.
        click(By.cssSelector("input.remove-item[value='" + first + "']"));
        type("remove-reason", "Filed under the wrong claimant");
        click(By.id("remove-confirm"));
        click(By.id("remove-submit"));
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("error")));
        assertThat(browser.findElement(By.id("error")).getText()).contains("its claimant");
        // Without the confirmation nothing happens either.
        click(By.cssSelector("input.remove-item[value='" + first + "']"));
        click(By.cssSelector("input.remove-item[value='claimant:" + claimant + "']"));
        type("remove-reason", "Claim withdrawn for this record");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('remove-confirm').required = false;");
        click(By.id("remove-submit"));
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "Tick the confirmation"));
        click(By.cssSelector("input.remove-item[value='" + first + "']"));
        click(By.cssSelector("input.remove-item[value='claimant:" + claimant + "']"));
        type("remove-reason", "Claim withdrawn for this record");
        click(By.id("remove-confirm"));
        click(By.id("remove-submit"));
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "freed"));
        assertThat(browser.findElements(By.cssSelector("tr.hold-item"))).extracting(r -> r.getAttribute("data-item")).containsExactly(second);
        assertThat(repository.getRecord(first).aspects()).doesNotContain("rma:frozen");
        assertThat(repository.getRecord(second).aspects()).contains("rma:frozen");
        assertThat(browser.findElements(By.cssSelector("li.history-entry"))).extracting(WebElement::getText)
                .anySatisfy(t -> assertThat(t).contains("hold.remove-items").contains("Claim withdrawn"));

        type("add-query", "category:billing case:" + caseNumber);
        HeadlessConsoleBrowser.clickToNewPage(browser, By.id("add-query-submit"), Duration.ofSeconds(15));
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("message")));
        assertThat(browser.findElements(By.cssSelector("tr.hold-item"))).extracting(r -> r.getAttribute("data-item"))
                .anySatisfy(i -> assertThat(i).startsWith("query:"));

        HttpResponse<String> urgent = api("manon", "POST", "/api/holds/urgent",
                "{\"name\":\"Urgent " + suffix() + "\",\"matter\":\"M-U\",\"reason\":\"letter before action\",\"caseNumbers\":[\"" + caseNumber + "\"]}");
        assertThat(urgent.statusCode()).as(urgent.body()).isEqualTo(201);
        String urgentId = field(urgent.body(), "id");
        click(By.id("nav-holds"));
        assertThat(browser.findElement(By.cssSelector("tr.hold-row[data-id='" + urgentId + "'] .unconfirmed-badge")).getText())
                .isEqualTo("urgent, awaiting confirmation");
        browser.get(url("/console/holds/" + urgentId));
        assertThat(browser.findElement(By.id("urgent")).getText()).contains("manon");
        check("hold-urgent");
        click(By.id("confirm-submit"));
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Urgent hold confirmed."));
        assertThat(browser.findElements(By.id("urgent"))).isEmpty();
        assertThat(call("holdie", "/api/holds/unconfirmed")).doesNotContain(urgentId);
    }

    @Test
    void theRecordPageListsTheVersionHistoryNewestFirst() {
        String caseNumber = "WC-VER-" + suffix();
        filing.openCase(new CaseFiling.CaseRequest(caseNumber, "CLM-VER-" + suffix(), "disability", "CA", LocalDate.of(2026, 1, 5)), "manon");
        String id = file(caseNumber, "op-note.txt", List.of()).id();
        repository.newVersion(id, "Corrected operative note".getBytes(StandardCharsets.UTF_8), "text/plain", "Dictation corrected");

        signIn("manon");
        browser.get(url("/console/records/" + id));
        List<WebElement> rows = browser.findElements(By.cssSelector("tr.version-row"));
        assertThat(rows).extracting(r -> r.getAttribute("data-version")).containsExactly("2.0", "1.0");
        assertThat(rows.get(0).getText()).contains("current").contains("Dictation corrected");
        assertThat(rows.get(1).getText()).contains("earlier");
        check("record-versions");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private com.medcase.repository.StoredRecord file(String caseNumber, String name, List<String> labels) {
        return filing.file(caseNumber, new CaseFiling.RecordUpload(name, "text/plain", "Synthetic report".getBytes(StandardCharsets.UTF_8),
                "radiologyReport", LocalDate.of(2014, 1, 1), null, "Riverside", labels), "manon");
    }

    private String outcome(String recordId) {
        return browser.findElement(By.cssSelector("li.approval-outcome[data-record='" + recordId + "']")).getAttribute("data-outcome");
    }

    private HttpResponse<String> api(String user, String method, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", basic(user)).header("X-Requested-By", "medcase-test")
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String call(String user, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", basic(user)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }

    private void check(String name) {
        HeadlessConsoleBrowser.check(browser, name);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private void signIn(String user) {
        HeadlessConsoleBrowser.signIn(browser, url("/console"), user, PASSWORD);
    }

    private void switchTo(String user) {
        click(By.id("logout"));
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        signIn(user);
    }

    private WebDriverWait await() {
        return await(Duration.ofSeconds(15));
    }

    private WebDriverWait await(Duration timeout) {
        return HeadlessConsoleBrowser.await(browser, timeout);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    private void click(By by) {
        HeadlessConsoleBrowser.click(browser, by);
    }

    private void type(String id, String text) {
        HeadlessConsoleBrowser.type(browser, id, text);
    }
}
