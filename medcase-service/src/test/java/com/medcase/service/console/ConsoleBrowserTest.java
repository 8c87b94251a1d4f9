package com.medcase.service.console;

import com.medcase.service.ConfiguredTestUsers;
import com.medcase.audit.AuditEntry;
import com.medcase.audit.AuditLedger;
import com.medcase.service.MedCaseApplication;
import com.medcase.service.cases.CaseFiling;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The records team's daily jobs driven end to end in headless Chromium (Debian's chromium + chromedriver), each
 * as the role that does it: a clerk opens a case, files a PDF and opens the record; search finds a word inside
 * that PDF, with facets, highlighting and saved searches; a records manager works authorizations (every error at
 * once, effect preview, confirmed revocation) and retention schedules; a legal hold administrator holds a case,
 * adds records and releases it; an administrator reads the audit trail, exports it and watches imports. Every
 * main page is checked with axe-core (WCAG 2.1 A and AA: no violation), at 1,280 and 800 px (no sideways
 * scrolling), and a screenshot of each is written to target/console-screenshots/.
 */
@SpringBootTest(classes = MedCaseApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleBrowserTest {

    static final String PASSWORD = "console-" + UUID.randomUUID();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path home = Files.createTempDirectory("medcase-console-test");
        registry.add("medcase.home", home::toString);
        String hash = new BCryptPasswordEncoder(4).encode(PASSWORD);
        String[][] users = {{"ada", "ADMIN", "RECORDS_MANAGER"}, {"clerk", "RECORDS_CLERK"}, {"holdie", "LEGAL_HOLD_ADMINISTRATOR"},
                {"manon", "RECORDS_MANAGER"}};
        ConfiguredTestUsers.register(registry, hash, users);
    }

    @LocalServerPort
    int port;

    @Autowired
    CaseFiling filing;

    @Autowired
    AuditLedger ledger;

    WebDriver browser;

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

    // ---- records clerk: cases, filing, the record page, search ------------------------------

    @Test
    void aClerkFindsACaseFilesAPdfOpensTheRecordAndSearchFindsWordsInsideIt() throws Exception {
        String caseNumber = "WC-UI-" + suffix();
        String claimant = "CLM-UI-" + suffix();
        filing.openCase(new CaseFiling.CaseRequest(caseNumber, claimant, "workersCompensation", "CA", LocalDate.of(2026, 1, 5)), "ada");
        filing.file(caseNumber, new CaseFiling.RecordUpload("visit.txt", "text/plain",
                "Synthetic note: knee pain after the fall".getBytes(StandardCharsets.UTF_8), "clinicalNotes", LocalDate.of(2025, 3, 1), null,
                "Riverside Orthopedics", List.of()), "ada");

        browser.get(url("/console"));
        assertThat(browser.getCurrentUrl()).as("unauthenticated visitors are sent to the login form").contains("/login");
        check("login");
        signIn("clerk");
        check("dashboard-clerk");

        // The case list: filter by claimant, sort, open the case.
        click(By.id("nav-cases"));
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("case-table")));
        type("f-claimant", claimant);
        new Select(browser.findElement(By.id("f-type"))).selectByValue("workersCompensation");
        click(By.id("f-submit"));
        await().until(d -> d.findElements(By.cssSelector("tr.case-row")).size() == 1);
        assertThat(browser.findElement(By.cssSelector("tr.case-row")).getText()).contains(caseNumber)
                .as("the case type is shown by its model label, not its raw id").contains("Workers' compensation")
                .doesNotContain("workersCompensation");
        click(By.id("sort-opened"));
        await().until(ExpectedConditions.attributeContains(By.cssSelector("th[aria-sort]"), "aria-sort", "ascending"));
        check("cases");
        click(By.linkText(caseNumber));
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("case-number")));
        assertThat(browser.findElement(By.id("case-number")).getText()).isEqualTo(caseNumber);
        assertThat(browser.findElements(By.cssSelector("tr.record-row"))).hasSize(1);
        assertThat(browser.findElement(By.id("case-metadata")).getText()).contains("Case number").contains("Workers' compensation");

        // File an x-ray report as a PDF through the upload form; the record page opens.
        Path pdf = Files.createTempFile("xray", ".pdf");
        Files.write(pdf, com.medcase.service.TestPdf.withLine("Radiology report. X-ray of the left wrist: no fracture seen. Soft tissue swelling."));
        browser.findElement(By.id("u-file")).sendKeys(pdf.toAbsolutePath().toString());
        new Select(browser.findElement(By.id("u-category"))).selectByValue("radiologyReport");
        type("u-provider", "Lakeside Imaging");
        setDate("u-from", "2025-04-02");
        click(By.id("u-label-hiv"));
        click(By.id("u-submit"));
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("record-metadata")));
        assertThat(browser.findElement(By.id("message")).getText()).contains("Record filed");
        String recordId = browser.getCurrentUrl().replaceAll(".*/console/records/", "");
        assertThat(browser.findElement(By.id("record-metadata")).getText())
                .as("metadata labelled from the model's label bundle").contains("Record category").contains("Radiology report")
                .contains("Source provider name").contains("Lakeside Imaging").doesNotContain("mc:recordCategory");
        assertThat(browser.findElements(By.cssSelector(".sensitivity-badge"))).extracting(WebElement::getText).contains("HIV");
        // The PDF is drawn by pdf.js in the page (Chromium refuses its viewer in a sandboxed frame); nothing in it runs.
        await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#preview canvas[data-rendered]")));
        assertThat(browser.findElement(By.id("acl")).getText()).contains("GROUP_MEDCASE_RECORDS_MANAGERS");
        check("record");

        // Download: decided by consent and audited under the clerk's name.
        long before = auditCount("record.read_content", recordId, "clerk");
        Object status = ((JavascriptExecutor) browser).executeAsyncScript(
                "var done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => done(r.status + ' ' + r.headers.get('content-disposition')));",
                browser.findElement(By.id("download")).getAttribute("href"));
        assertThat(status.toString()).startsWith("200").contains("attachment");
        assertThat(auditCount("record.read_content", recordId, "clerk")).isEqualTo(before + 1);

        // Search reads inside the PDF: "fracture" finds the report that says "no fracture", highlighted.
        click(By.id("nav-search"));
        type("q", "fracture");
        clickToNewPage(By.id("search-submit"));
        await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.search-hit")));
        WebElement hit = browser.findElement(By.cssSelector("li.search-hit[data-id='" + recordId + "']"));
        assertThat(hit.findElement(By.cssSelector(".snippet")).getText()).contains("no fracture seen");
        assertThat(hit.findElement(By.cssSelector(".snippet mark")).getText()).isEqualToIgnoringCase("fracture");
        assertThat(browser.findElement(By.id("facets")).getText()).contains("Lakeside Imaging").contains("Radiology report");
        check("search");

        // A facet narrows; the search is saved and can be run again.
        clickToNewPage(By.cssSelector("a.facet-link[data-facet='providerName'][data-value='Lakeside Imaging']"));
        await().until(ExpectedConditions.urlContains("provider=Lakeside"));
        assertThat(browser.findElements(By.cssSelector("li.search-hit"))).hasSize(1);
        type("saved-name", "wrist x-rays");
        click(By.id("save-search"));
        await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.saved-search")));
        click(By.id("nav-dashboard"));
        click(By.id("nav-search"));
        clickToNewPage(By.linkText("wrist x-rays"));
        await().until(ExpectedConditions.urlContains("q=fracture"));
        assertThat(browser.findElements(By.cssSelector("li.search-hit"))).hasSize(1);

        // The same search with a word the caller cannot read anywhere finds nothing and shows nothing.
        type("q", "zzqxunfindable");
        browser.findElement(By.id("q")).sendKeys(Keys.ENTER);
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("no-results")));
    }

    // ---- records manager: authorizations and retention --------------------------------------

    @Test
    void aManagerSeesEveryAuthorizationErrorAtOncePreviewsTheEffectCreatesAndRevokesWithConfirmation() {
        String caseNumber = "WC-AUTH-" + suffix();
        String claimant = "CLM-AUTH-" + suffix();
        filing.openCase(new CaseFiling.CaseRequest(caseNumber, claimant, "personalInjury", "CA", LocalDate.of(2026, 1, 5)), "ada");
        for (String category : List.of("clinicalNotes", "clinicalNotes", "billing")) {
            filing.file(caseNumber, new CaseFiling.RecordUpload(category + "-" + suffix() + ".txt", "text/plain",
                    "Synthetic".getBytes(StandardCharsets.UTF_8), category, LocalDate.of(2025, 3, 1), null, "Riverside", List.of()), "ada");
        }
        signIn("manon");
        click(By.id("nav-authorizations"));
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("authorization-form")));

        // Several elements missing: every one is reported next to its field, and what was typed stays.
        new Select(browser.findElement(By.id("a-claimant"))).selectByValue(claimant);
        type("a-discloser", "Riverside Orthopedics");
        click(By.id("a-submit"));
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("error-summary")));
        List<String> invalid = browser.findElements(By.cssSelector(".is-invalid")).stream().map(e -> e.getAttribute("id")).toList();
        assertThat(invalid).contains("a-description", "a-recipient", "a-expires", "a-signed-on", "a-signed-by", "a-revocation-right",
                "a-revocation-procedure", "a-non-conditioning", "a-redisclosure");
        assertThat(browser.findElement(By.id("a-signed-by-error")).getText()).contains("'signature'");
        assertThat(browser.findElement(By.id("a-discloser")).getAttribute("value")).isEqualTo("Riverside Orthopedics");
        assertThat(new Select(browser.findElement(By.id("a-claimant"))).getFirstSelectedOption().getAttribute("value")).isEqualTo(claimant);
        check("authorizations-errors");

        // Complete it, preview what it would open (the two clinical notes, not the bill), then create it.
        fillAuthorization("adjuster-ui");
        click(By.id("a-preview"));
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("preview")));
        assertThat(browser.findElements(By.cssSelector("li.preview-record"))).hasSize(2)
                .allSatisfy(li -> assertThat(li.getText()).contains("clinicalNotes-"));
        assertThat(browser.findElement(By.id("a-recipient")).getAttribute("value")).isEqualTo("adjuster-ui");
        click(By.id("a-submit"));
        await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.authorization-row")));
        assertThat(browser.findElement(By.id("message")).getText()).startsWith("Authorization AUTH-");
        WebElement row = browser.findElement(By.cssSelector("tr.authorization-row"));
        String id = row.getAttribute("data-id");
        assertThat(row.getText()).contains("General HIPAA").contains("adjuster-ui").contains("Litigation").contains("2030-01-01");
        check("authorizations");

        // Revocation: a confirmation page with its effect, a reason and the received-at time.
        row.findElement(By.cssSelector("a.revoke-link")).click();
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("revoke-form")));
        assertThat(browser.findElements(By.cssSelector("li.closed-record"))).hasSize(2);
        check("revoke");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('r-reason').required = false;");
        click(By.id("r-confirm"));
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("error")));
        assertThat(browser.findElement(By.id("error")).getText()).contains("reason");
        type("r-reason", "claimant withdrew consent");
        click(By.id("r-confirm"));
        await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.authorization-row[data-id='" + id + "']")));
        assertThat(browser.findElement(By.cssSelector("tr.authorization-row[data-id='" + id + "'] .auth-status")).getAttribute("data-status"))
                .isEqualTo("revoked");
        assertThat(browser.findElement(By.id("message")).getText()).startsWith("Authorization " + id + " revoked");
        assertThat(browser.findElements(By.cssSelector("a.revoke-link"))).isEmpty();

        // Retention: periods in words; an ambiguous schedule is refused with the engine's reason, values kept.
        click(By.id("nav-retention"));
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("schedule-form")));
        String scheduleId = "RS-UI-" + suffix();
        fillSchedule(scheduleId, "7");
        click(By.id("s-submit"));
        await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.schedule-row[data-id='" + scheduleId + "']")));
        assertThat(browser.findElement(By.cssSelector("tr.schedule-row[data-id='" + scheduleId + "'] .schedule-rule")).getText())
                .isEqualTo("7 years after the case is closed");
        check("retention");
        fillSchedule(scheduleId + "-B", "5");
        click(By.id("s-submit"));
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("error")));
        assertThat(browser.findElement(By.id("error")).getText()).contains(scheduleId).contains("both cover category 'uiCategory'");
        assertThat(browser.findElement(By.id("s-id")).getAttribute("value")).isEqualTo(scheduleId + "-B");
        assertThat(browser.findElements(By.cssSelector("tr.schedule-row[data-id='" + scheduleId + "-B']"))).isEmpty();
    }

    // ---- legal hold administrator ----------------------------------------------------------

    @Test
    void aHoldAdministratorHoldsACaseAddsARecordAndReleasesItWithAReason() {
        String caseNumber = "WC-HOLD-" + suffix();
        filing.openCase(new CaseFiling.CaseRequest(caseNumber, "CLM-HOLD-" + suffix(), "disability", "CA", LocalDate.of(2026, 1, 5)), "ada");
        var record = filing.file(caseNumber, new CaseFiling.RecordUpload("report.txt", "text/plain",
                "Synthetic".getBytes(StandardCharsets.UTF_8), "clinicalNotes", LocalDate.of(2025, 3, 1), null, "Riverside", List.of()), "ada");
        String otherCase = "WC-HOLD2-" + suffix();
        filing.openCase(new CaseFiling.CaseRequest(otherCase, "CLM-HOLD2-" + suffix(), "disability", "CA", LocalDate.of(2026, 1, 5)), "ada");
        var other = filing.file(otherCase, new CaseFiling.RecordUpload("other.txt", "text/plain",
                "Synthetic".getBytes(StandardCharsets.UTF_8), "billing", LocalDate.of(2025, 3, 1), null, "Riverside", List.of()), "ada");

        signIn("holdie");
        browser.get(url("/console/cases/" + caseNumber));
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("case-hold-form")));
        type("h-name", "Smith v. Acme " + suffix());
        type("h-matter", "2026-CV-001");
        type("h-reason", "Litigation reasonably anticipated");
        click(By.id("h-submit"));
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("hold-items")));
        assertThat(browser.findElements(By.cssSelector("tr.hold-item"))).as("the case folder and its record").hasSize(2);
        assertThat(browser.findElement(By.id("hold-items")).getText()).contains(caseNumber).contains("report.txt");

        type("add-records", other.id());
        click(By.id("add-records-submit"));
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "1 item(s) newly held"));
        assertThat(browser.findElements(By.cssSelector("tr.hold-item"))).hasSize(3);
        check("hold");

        browser.get(url("/console/records/" + record.id()));
        assertThat(browser.findElement(By.id("hold-badge")).getText()).isEqualTo("On legal hold");
        browser.navigate().back();

        // Release needs the confirmation and a reason; the history tells the story.
        type("release-reason", "Matter settled on 2026-06-30");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('release-confirm').required = false;");
        click(By.id("release-submit"));
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("error")));
        assertThat(browser.findElement(By.id("hold-status")).getText()).isEqualTo("Active");
        type("release-reason", "Matter settled on 2026-06-30");
        click(By.id("release-confirm"));
        click(By.id("release-submit"));
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("hold-status"), "Released"));
        assertThat(browser.findElement(By.id("hold-release")).getText()).contains("holdie").contains("Matter settled");
        assertThat(browser.findElements(By.cssSelector("li.history-entry"))).extracting(WebElement::getText)
                .anySatisfy(t -> assertThat(t).contains("hold.create"))
                .anySatisfy(t -> assertThat(t).contains("hold.add-items"))
                .anySatisfy(t -> assertThat(t).contains("hold.release").contains("Matter settled"));
        click(By.id("nav-holds"));
        check("holds");
    }

    // ---- administrator: audit trail and imports ------------------------------------------------

    @Test
    void anAdministratorFiltersTheAuditTrailExportsItSafelyAndWatchesImports() {
        String caseNumber = "WC-AUD-" + suffix();
        filing.openCase(new CaseFiling.CaseRequest(caseNumber, "CLM-AUD-" + suffix(), "disability", "CA", LocalDate.of(2026, 1, 5)), "ada");
        var record = filing.file(caseNumber, new CaseFiling.RecordUpload("=HYPERLINK(1).txt", "text/plain",
                "Synthetic".getBytes(StandardCharsets.UTF_8), "clinicalNotes", LocalDate.of(2025, 3, 1), null, "Riverside", List.of()), "ada");
        ledger.append(com.medcase.audit.AuditEvent.of("ada", "record.note", record.id(), "DONE", "=cmd|' /C calc'!A0"));

        signIn("ada");
        click(By.id("nav-audit"));
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("audit-filters")));
        assertThat(browser.findElement(By.id("audit-status")).getText()).startsWith("Intact");
        type("au-case", caseNumber);
        click(By.id("au-submit"));
        await().until(ExpectedConditions.urlContains("caseNumber="));
        List<String> rows = browser.findElements(By.cssSelector("tr.audit-row")).stream().map(WebElement::getText).toList();
        assertThat(rows).anySatisfy(r -> assertThat(r).contains("record.file").contains("=HYPERLINK(1).txt"))
                .anySatisfy(r -> assertThat(r).contains("case.create").contains(caseNumber))
                .allSatisfy(r -> assertThat(r).doesNotContain("WC-UI-"));
        check("audit");

        Object csv = ((JavascriptExecutor) browser).executeAsyncScript(
                "var done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done);",
                browser.findElement(By.id("audit-csv")).getAttribute("href"));
        assertThat(csv.toString()).startsWith("sequence,timestamp,actor")
                .as("cells a spreadsheet would evaluate are neutralised").contains("'=HYPERLINK(1).txt").contains("'=cmd|")
                .doesNotContain(",=HYPERLINK").doesNotContain(",=cmd");

        click(By.id("nav-imports"));
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("dead-letters")));
        await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#throughput-chart canvas")));
        assertThat(browser.findElement(By.id("imports-in-flight")).getText()).as("filings in flight and search entries still to make")
                .contains("Being filed now").contains("awaiting their search entry");
        check("imports");
    }

    // ---- quality bar: errors, languages, roles, small screens -------------------------------------

    @Test
    void errorPagesAreTheConsolesAndTheConsoleSpeaksFrench() {
        // Share's "Open case in MedCase console" links straight to a case: after sign-in the user lands on it.
        String caseNumber = "WC-LINK-" + suffix();
        filing.openCase(new CaseFiling.CaseRequest(caseNumber, "CLM-LINK-" + suffix(), "disability", "CA", LocalDate.of(2026, 1, 5)), "ada");
        browser.get(url("/console/cases/" + caseNumber));
        browser.findElement(By.id("username")).sendKeys("clerk");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        click(By.cssSelector("button[type=submit]"));
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("case-number")));
        assertThat(browser.findElement(By.id("case-number")).getText()).isEqualTo(caseNumber);

        assertThat(browser.findElements(By.id("nav-authorizations"))).isEmpty();
        browser.get(url("/console/authorizations?claimant=CLM-1"));
        assertThat(browser.findElements(By.id("authorization-form"))).as("REST rule: records managers only").isEmpty();
        assertThat(browser.findElement(By.id("error-title")).getText()).isEqualTo("Error 403");
        assertThat(browser.findElement(By.id("error-explanation")).getText()).contains("may not");
        assertThat(browser.getPageSource()).doesNotContain("Whitelabel");
        assertThat(browser.findElements(By.id("nav-cases"))).as("the error page keeps the console's navigation").hasSize(1);
        check("error-403");
        browser.get(url("/console/no-such-page"));
        assertThat(browser.findElement(By.id("error-title")).getText()).isEqualTo("Error 404");
        browser.get(url("/console/cases/NO-SUCH-CASE"));
        assertThat(browser.findElement(By.id("error-title")).getText()).as("not the API's JSON").isEqualTo("Error 404");
        assertThat(browser.findElement(By.id("error-detail")).getText()).contains("NO-SUCH-CASE");
        check("error-404");

        browser.get(url("/console/cases?lang=fr"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
        assertThat(browser.findElement(By.id("nav-cases")).getText()).isEqualTo("Dossiers");
        assertThat(browser.findElement(By.id("case-table")).getText()).as("model labels in French").contains("Numéro de dossier");
        check("cases-fr");
        browser.get(url("/console/search"));
        assertThat(browser.findElement(By.id("search-submit")).getText()).as("the language is kept").isEqualTo("Rechercher");
        browser.get(url("/console?lang=en"));
        assertThat(browser.findElement(By.id("nav-cases")).getText()).isEqualTo("Cases");
    }

    @Test
    void theConsoleIsUsableWithTheKeyboardAlone() {
        browser.get(url("/login"));
        type("username", "manon");
        browser.findElement(By.id("username")).sendKeys(Keys.TAB);
        browser.switchTo().activeElement().sendKeys(PASSWORD);
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("numbers")));
        // The first thing a keyboard reaches is the skip link, and it leads to the main content.
        new org.openqa.selenium.interactions.Actions(browser).sendKeys(Keys.TAB).perform();
        WebElement skip = browser.switchTo().activeElement();
        assertThat(skip.getAttribute("class")).contains("skip-link");
        skip.sendKeys(Keys.ENTER);
        assertThat(browser.getCurrentUrl()).endsWith("#main");
        // Every form control on the main pages has a label (axe checks it too).
        for (String page : List.of("/console/cases", "/console/search", "/console/authorizations", "/console/retention", "/console/holds")) {
            browser.get(url(page));
            List<String> unlabelled = browser.findElements(By.cssSelector("input:not([type=hidden]), select")).stream()
                    .filter(e -> e.getAttribute("id") == null || e.getAttribute("id").isEmpty()
                            || (browser.findElements(By.cssSelector("label[for='" + e.getAttribute("id") + "']")).isEmpty()
                                && e.getAttribute("aria-label") == null))
                    .map(e -> e.getAttribute("name")).toList();
            assertThat(unlabelled).as("unlabelled inputs on " + page).isEmpty();
        }
    }

    // ---- helpers --------------------------------------------------------------------------

    /** axe-core, no sideways scrolling and screenshots at two widths ({@link HeadlessConsoleBrowser#check}). */
    private void check(String name) {
        HeadlessConsoleBrowser.check(browser, name);
    }

    private long auditCount(String action, String subject, String actor) {
        return ledger.read(1, 1_000_000).stream().map(AuditEntry::event)
                .filter(e -> e.action().equals(action) && e.subjectId().equals(subject) && e.actor().equals(actor)).count();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private void signIn(String user) {
        HeadlessConsoleBrowser.signIn(browser, url("/console"), user, PASSWORD);
    }

    private WebDriverWait await() {
        return HeadlessConsoleBrowser.await(browser, Duration.ofSeconds(15));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    private void fillAuthorization(String recipient) {
        new Select(browser.findElement(By.id("a-kind"))).selectByValue("GENERAL_HIPAA");
        type("a-discloser", "Riverside Orthopedics");
        type("a-description", "Orthopedic visit notes 2025");
        type("a-recipient", recipient);
        tick("a-purpose-LITIGATION");
        tick("a-category-clinicalNotes");
        setDate("a-expires", "2030-01-01");
        setDate("a-signed-on", "2026-01-05");
        type("a-signed-by", "The claimant");
        for (String box : List.of("a-revocation-right", "a-non-conditioning", "a-redisclosure")) {
            tick(box);
        }
        type("a-revocation-procedure", "In writing to Riverside Orthopedics");
    }

    private void fillSchedule(String id, String years) {
        type("s-id", id);
        type("s-category", "uiCategory");
        type("s-jurisdiction", "CA");
        new Select(browser.findElement(By.id("s-trigger"))).selectByValue("CASE_CLOSED");
        type("s-retain-years", years);
        new Select(browser.findElement(By.id("s-action"))).selectByValue("REVIEW");
    }

    private void click(By by) {
        HeadlessConsoleBrowser.click(browser, by);
    }

    private void clickToNewPage(By by) {
        HeadlessConsoleBrowser.clickToNewPage(browser, by, Duration.ofSeconds(15));
    }

    private void tick(String id) {
        if (!browser.findElement(By.id(id)).isSelected()) {
            click(By.id(id));
        }
    }

    private void type(String id, String text) {
        HeadlessConsoleBrowser.type(browser, id, text);
    }

    /** Date inputs take keyboard input in the browser's locale order; set the ISO value directly. */
    private void setDate(String id, String isoDate) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", browser.findElement(By.id(id)), isoDate);
    }
}
