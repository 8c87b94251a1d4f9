package com.medcase.service.console;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the console's browser tests share: Debian's headless Chromium through chromedriver, the accessibility and
 * layout check of a page (axe-core, WCAG 2.1 A and AA, at two widths, with screenshots), signing in, and clicks
 * that first scroll the element into view.
 */
final class HeadlessConsoleBrowser {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    static final List<String> WCAG_A_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private HeadlessConsoleBrowser() {
    }

    /**
     * A new headless Chromium; the flags are the ones this machine kind needs (no sandbox as root, no background
     * networking: the closed network refuses it).
     */
    static WebDriver start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("Headless Chromium is needed for the console tests but " + CHROMIUM + " or "
                    + CHROMEDRIVER + " is missing. Install them with: apt-get update && apt-get install -y chromium chromium-driver"
                    + " (./medcase test does this when run as root)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,900", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
        return browser;
    }

    /**
     * axe-core (WCAG 2.1 A and AA) at 1,280 px and at 800 px, no sideways scrolling at 800 px, and a screenshot at
     * both widths in target/console-screenshots/.
     */
    static void check(WebDriver browser, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            for (int width : List.of(1280, 800)) {
                browser.manage().window().setSize(new Dimension(width, 900));
                Results results = new AxeBuilder().withTags(WCAG_A_AA).analyze(browser);
                assertThat(results.getViolations()).as(name + " at " + width + " px: " + describe(results.getViolations())).isEmpty();
                Object overflow = ((JavascriptExecutor) browser).executeScript(
                        "return document.documentElement.scrollWidth - window.innerWidth;");
                assertThat(((Number) overflow).intValue()).as(name + " scrolls sideways at " + width + " px").isLessThanOrEqualTo(1);
                Files.write(SCREENSHOTS.resolve(name + "-" + width + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            }
            browser.manage().window().setSize(new Dimension(1280, 900));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String describe(List<Rule> violations) {
        return violations.stream().map(v -> v.getId() + " (" + v.getImpact() + "): " + v.getNodes().stream()
                .map(n -> String.valueOf(n.getTarget())).limit(5).collect(Collectors.joining("; ")))
                .collect(Collectors.joining(" | "));
    }

    /** Signs in through the console's form and waits for the dashboard. */
    static void signIn(WebDriver browser, String consoleUrl, String user, String password) {
        browser.get(consoleUrl);
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        click(browser, By.cssSelector("button[type=submit]"));
        await(browser, Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(By.id("numbers")));
        assertThat(browser.findElement(By.id("nav-user")).getText()).isEqualTo(user);
    }

    /**
     * A wait that polls through the browser's transient errors: a condition read while a page is being replaced can
     * fail with a stale reference or with chromedriver's "Node with given id does not belong to the document" (an
     * unknown error), and the next poll reads the new page. A wait that times out still reports the last error.
     */
    static WebDriverWait await(WebDriver browser, Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout);
        wait.ignoring(WebDriverException.class);
        return wait;
    }

    /**
     * Scrolls the element to the middle of the window first, at once (Bootstrap makes scrolling smooth, which
     * chromedriver does not wait for); a click that lands on another element says which one covered it.
     */
    static void click(WebDriver browser, By by) {
        WebElement element = browser.findElement(by);
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element);
        try {
            element.click();
        } catch (org.openqa.selenium.ElementClickInterceptedException e) {
            Object cover = ((JavascriptExecutor) browser).executeScript(
                    "var r = arguments[0].getBoundingClientRect(); var e = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);"
                    + " var chain = []; for (var p = arguments[0]; p; p = p.parentElement) { var cs = getComputedStyle(p); chain.push(p.tagName + '.' + p.className + ' h=' + p.getBoundingClientRect().height + ' ov=' + cs.overflow + ' pos=' + cs.position); }"
                    + " return (e ? e.outerHTML.substring(0, 300) : 'none') + ' rect=' + JSON.stringify(r) + ' inner=' + window.innerHeight + ' scrollY=' + window.scrollY + ' docH=' + document.documentElement.scrollHeight + ' chain=' + chain.join(' < ');", element);
            throw new AssertionError("covered by: " + cover, e);
        }
    }

    /**
     * Clicks something that loads a new page, and waits until the old page is gone and the new one is loaded. Waiting
     * only for an element can find it on the old page (the search page lists records before a query too), and reading
     * it then fails with a stale reference once the new page replaces it.
     *
     * <p>The old page is recognised by a mark left on its window object, not by an element reference: a new document
     * gets a new global object, so the mark is gone exactly when the old page is. Polling an old element instead
     * (Selenium's {@code stalenessOf}) is racy in Chrome: while the old document is being torn down, chromedriver can
     * answer "Node with given id does not belong to the document", an unknown error rather than a stale reference,
     * and the wait gave up on it (seen once in CI).
     */
    static void clickToNewPage(WebDriver browser, By by, Duration timeout) {
        JavascriptExecutor script = (JavascriptExecutor) browser;
        script.executeScript("window.__medcaseOldPage = true;");
        click(browser, by);
        await(browser, timeout)
                .withMessage("a new page after clicking " + by)
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                        "return window.__medcaseOldPage !== true && document.readyState === 'complete';")));
    }

    static void type(WebDriver browser, String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }
}
