package com.medcase.service.console;

import com.medcase.service.MedCaseApplication;
import com.medcase.service.cases.CaseFiling;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
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

/** The console in headless Chromium: log in with the form, read the numbers panel, open a case. */
@SpringBootTest(classes = MedCaseApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleBrowserTest {

    static final String PASSWORD = "console-" + UUID.randomUUID();
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path home = Files.createTempDirectory("medcase-console-test");
        registry.add("medcase.home", home::toString);
        registry.add("medcase.security.users[0].name", () -> "ada");
        registry.add("medcase.security.users[0].password-hash", () -> new BCryptPasswordEncoder(4).encode(PASSWORD));
        registry.add("medcase.security.users[0].roles[0]", () -> "ADMIN");
        registry.add("medcase.security.users[0].roles[1]", () -> "RECORDS_MANAGER");
        registry.add("medcase.security.users[1].name", () -> "clerk");
        registry.add("medcase.security.users[1].password-hash", () -> new BCryptPasswordEncoder(4).encode(PASSWORD));
        registry.add("medcase.security.users[1].roles[0]", () -> "RECORDS_CLERK");
    }

    @LocalServerPort
    int port;

    @Autowired
    CaseFiling filing;

    WebDriver browser;

    @BeforeEach
    void startBrowser() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("Headless Chromium is needed for the console test but " + CHROMIUM + " or "
                    + CHROMEDRIVER + " is missing. Install them with: apt-get update && apt-get install -y chromium chromium-driver"
                    + " (./medcase test does this when run as root)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void logInSeeTheNumbersAndOpenACase() {
        String caseNumber = "WC-UI-" + UUID.randomUUID().toString().substring(0, 6);
        filing.openCase(new CaseFiling.CaseRequest(caseNumber, "CLM-UI", "workersCompensation", "CA", LocalDate.of(2026, 1, 5)), "ada");
        filing.file(caseNumber, new CaseFiling.RecordUpload("visit.txt", "text/plain",
                "Synthetic note".getBytes(StandardCharsets.UTF_8), "clinicalNotes", LocalDate.of(2025, 3, 1), null,
                "Riverside Orthopedics", List.of()), "ada");

        browser.get("http://127.0.0.1:" + port + "/console");
        assertThat(browser.getCurrentUrl()).as("unauthenticated visitors are sent to the login form").contains("/login");
        browser.findElement(By.id("username")).sendKeys("ada");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("numbers")));
        assertThat(browser.findElement(By.id("whoami")).getText()).isEqualTo("ada");
        assertThat(Integer.parseInt(browser.findElement(By.id("count-cases")).getText())).isGreaterThanOrEqualTo(1);
        assertThat(Integer.parseInt(browser.findElement(By.id("count-records")).getText())).isGreaterThanOrEqualTo(1);
        assertThat(browser.findElement(By.id("audit-status")).getText()).startsWith("Intact");
        assertThat(browser.findElement(By.id("count-imported")).getText()).isEqualTo("0");
        assertThat(browser.findElement(By.id("count-held")).getText()).isEqualTo("0");
        assertThat(browser.findElement(By.id("disposition")).getText()).contains("Nothing is due.");
        assertThat(browser.findElement(By.id("dead-letters")).getText()).contains("No open dead letters.");

        browser.findElement(By.linkText(caseNumber)).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("case-number")));
        assertThat(browser.findElement(By.id("case-number")).getText()).isEqualTo(caseNumber);
        assertThat(browser.findElements(By.cssSelector("tr.record-row"))).hasSize(1);
        assertThat(browser.findElement(By.id("records")).getText()).contains("visit.txt").contains("Riverside Orthopedics");
    }

    @Test
    void manageAuthorizationsAndRetentionSchedules() {
        String claimant = "CLM-AUTH-" + UUID.randomUUID().toString().substring(0, 6);
        logIn();

        browser.findElement(By.id("nav-authorizations")).click();
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("authorization-form")));

        // A valid authorization through the form, then listed as active.
        fillAuthorization(claimant, "Claims Adjuster One");
        browser.findElement(By.id("a-submit")).click();
        await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.authorization-row")));
        assertThat(browser.findElement(By.id("message")).getText()).startsWith("Created AUTH-");
        List<WebElement> rows = browser.findElements(By.cssSelector("tr.authorization-row"));
        assertThat(rows).hasSize(1);
        String id = rows.get(0).getAttribute("data-id");
        assertThat(rows.get(0).getText()).contains("GENERAL_HIPAA").contains("adjuster-ui").contains("LITIGATION")
                .contains("2030-01-01");
        assertThat(rows.get(0).findElement(By.cssSelector(".auth-status")).getText()).isEqualTo("active");

        // An invalid one (no signer): the validator's error names the element; nothing is stored.
        fillAuthorization(claimant, "");
        browser.findElement(By.id("a-submit")).click();
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("error-element")));
        assertThat(browser.findElement(By.id("error-element")).getText()).isEqualTo("signature");
        assertThat(browser.findElement(By.id("error")).getText()).contains("'signature'");
        assertThat(browser.findElements(By.cssSelector("tr.authorization-row"))).hasSize(1);

        // Revoke with a reason: listed as revoked, no revoke button any more.
        WebElement row = browser.findElement(By.cssSelector("tr.authorization-row[data-id='" + id + "']"));
        row.findElement(By.name("reason")).sendKeys("claimant withdrew consent");
        row.findElement(By.cssSelector(".revoke-form button")).click();
        await().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("tr.authorization-row[data-id='" + id + "'] .auth-status"), "revoked"));
        assertThat(browser.findElement(By.id("message")).getText()).startsWith("Revoked " + id);
        assertThat(browser.findElements(By.cssSelector(".revoke-form"))).isEmpty();

        // A retention schedule through the form, listed; an ambiguous one is refused with the engine's reason.
        browser.findElement(By.id("nav-retention")).click();
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("schedule-form")));
        String scheduleId = "RS-UI-" + UUID.randomUUID().toString().substring(0, 6);
        fillSchedule(scheduleId, "P7Y");
        browser.findElement(By.id("s-submit")).click();
        await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.schedule-row[data-id='" + scheduleId + "']")));
        assertThat(browser.findElement(By.cssSelector("tr.schedule-row[data-id='" + scheduleId + "']")).getText())
                .contains("uiCategory").contains("CA").contains("CASE_CLOSED").contains("P7Y").contains("REVIEW");

        fillSchedule(scheduleId + "-B", "P5Y");
        browser.findElement(By.id("s-submit")).click();
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("error")));
        assertThat(browser.findElement(By.id("error")).getText()).contains(scheduleId).contains("both cover category 'uiCategory'");
        assertThat(browser.findElements(By.cssSelector("tr.schedule-row[data-id='" + scheduleId + "-B']"))).isEmpty();
    }

    @Test
    void aClerkSeesNoAuthorizationOrRetentionPages() {
        logIn("clerk");
        assertThat(browser.findElements(By.id("nav-authorizations"))).isEmpty();
        assertThat(browser.findElements(By.id("nav-retention"))).isEmpty();
        browser.get("http://127.0.0.1:" + port + "/console/authorizations?claimant=CLM-1");
        assertThat(browser.findElements(By.id("authorization-form"))).as("REST rule: records managers only").isEmpty();
        assertThat(browser.getPageSource()).contains("403");
        browser.get("http://127.0.0.1:" + port + "/console/retention");
        assertThat(browser.findElements(By.id("schedule-form"))).isEmpty();
        assertThat(browser.getPageSource()).contains("403");
    }

    private void logIn() {
        logIn("ada");
    }

    private void logIn(String user) {
        browser.get("http://127.0.0.1:" + port + "/console");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("numbers")));
    }

    private WebDriverWait await() {
        return new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    private void fillAuthorization(String claimant, String signer) {
        type("a-claimant", claimant);
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("a-kind"))).selectByValue("GENERAL_HIPAA");
        type("a-discloser", "Riverside Orthopedics");
        type("a-description", "Orthopedic visit notes 2025");
        type("a-recipient", "adjuster-ui");
        browser.findElement(By.id("a-purpose-LITIGATION")).click();
        type("a-categories", "clinicalNotes");
        setDate("a-expires", "2030-01-01");
        setDate("a-signed-on", "2026-01-05");
        type("a-signed-by", signer);
        browser.findElement(By.id("a-revocation-right")).click();
        type("a-revocation-procedure", "In writing to Riverside Orthopedics");
        browser.findElement(By.id("a-non-conditioning")).click();
        browser.findElement(By.id("a-redisclosure")).click();
    }

    private void fillSchedule(String id, String period) {
        type("s-id", id);
        type("s-category", "uiCategory");
        type("s-jurisdiction", "CA");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("s-trigger"))).selectByValue("CASE_CLOSED");
        type("s-retain-for", period);
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("s-action"))).selectByValue("REVIEW");
    }

    private void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Date inputs take keyboard input in the browser's locale order; set the ISO value directly. */
    private void setDate(String id, String isoDate) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", browser.findElement(By.id(id)), isoDate);
    }
}
