package dev.scratchnet.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.scratchnet.RequiredTool;
import dev.scratchnet.ServiceHome;

/**
 * The dashboard in Debian's headless Chromium: a short MNIST job started from the form, its curves drawn live, then
 * a digit drawn on the pad and predicted. Screenshots for a person to look at go to target/screenshots/.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT)
@ServiceHome.Fresh
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    static Path profile;

    private static WebDriver browser;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() {
        RequiredTool.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER + ")");
        // Both paths are given, so Selenium Manager never looks for, let alone downloads, a browser or driver.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1280,800", "--lang=en");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void jobFromTheFormDrawsItsCurvesAndTheDrawnDigitIsPredicted() throws IOException {
        browser.manage().window().setSize(new Dimension(1280, 800));
        browser.get("http://localhost:" + port + "/");
        waitUntil("the datasets are listed", Duration.ofSeconds(20),
                page -> !page.findElement(By.id("dataset-hint")).getText().isEmpty());

        startJobFromForm();
        waitUntil("the curves show both epochs", JOB_TIMEOUT,
                page -> "2".equals(page.findElement(By.id("accuracy-chart")).getDomAttribute("data-epochs")));
        waitUntil("the job has succeeded", JOB_TIMEOUT,
                page -> "SUCCEEDED".equals(page.findElement(By.id("job-detail")).getDomAttribute("data-status")));
        waitUntil("its model is listed", Duration.ofSeconds(20),
                page -> !page.findElements(By.cssSelector("#model-table tbody tr")).isEmpty());

        assertThat(browser.findElements(By.cssSelector("#epoch-table tbody tr"))).hasSize(2);
        assertThat(browser.findElement(By.id("accuracy-canvas")).getDomAttribute("aria-label"))
                .contains("epoch 1", "epoch 2", "train acc", "test acc");
        assertThat(browser.findElement(By.id("loss-chart")).getDomAttribute("data-epochs")).isEqualTo("2");
        assertThat(browser.findElement(By.cssSelector(".job")).getDomAttribute("data-status")).isEqualTo("SUCCEEDED");

        drawSeven();
        browser.findElement(By.id("predict-button")).click();
        waitUntil("a prediction is shown", Duration.ofSeconds(20),
                page -> !page.findElement(By.id("prediction")).getDomAttribute("data-label").isEmpty());

        assertThat(browser.findElement(By.id("prediction")).getDomAttribute("data-label")).matches("[0-9]");
        List<WebElement> bars = browser.findElements(By.cssSelector("#probabilities .bar"));
        assertThat(bars).hasSize(10);
        double total = bars.stream().mapToDouble(bar -> Double.parseDouble(bar.getDomAttribute("data-probability")))
                .sum();
        assertThat(total).isCloseTo(1.0, within(1e-3));

        saveScreenshots("dashboard-desktop", 1280, 800);
        saveScreenshots("dashboard-phone", 390, 844);
        assertThat(severeConsoleMessages()).isEmpty();
    }

    /** Waits, or fails with a screenshot, what the page says and what its console logged. */
    private void waitUntil(String what, Duration timeout, Function<WebDriver, Boolean> condition) throws IOException {
        try {
            new WebDriverWait(browser, timeout).until(condition);
        } catch (TimeoutException e) {
            Files.createDirectories(SCREENSHOTS);
            save("failure.png");
            throw new AssertionError("Waited " + timeout.toSeconds() + " s for " + what + "; the page said:\n"
                    + browser.findElement(By.tagName("main")).getText() + "\nconsole: " + severeConsoleMessages()
                    + "\nscreenshot: " + SCREENSHOTS.resolve("failure.png"), e);
        }
    }

    private void startJobFromForm() {
        new Select(browser.findElement(By.id("dataset"))).selectByValue("mnist");
        type("hiddenSizes", "100");
        new Select(browser.findElement(By.id("activation"))).selectByValue("relu");
        new Select(browser.findElement(By.id("optimizer"))).selectByValue("adam");
        type("learningRate", "0.001");
        type("batchSize", "100");
        type("epochs", "2");
        type("trainLimit", "3000");
        type("seed", "7");
        browser.findElement(By.id("start-job")).click();
    }

    private void type(String field, String value) {
        WebElement input = browser.findElement(By.id(field));
        input.clear();
        input.sendKeys(value);
    }

    /** A "7": across the top, then down to the lower left; offsets are from the pad's centre. */
    private void drawSeven() {
        WebElement pad = browser.findElement(By.id("pad"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", pad);
        new Actions(browser)
                .moveToElement(pad, -60, -80)
                .clickAndHold()
                .moveByOffset(40, 0).moveByOffset(40, 0).moveByOffset(30, 0)
                .moveByOffset(-20, 50).moveByOffset(-20, 50).moveByOffset(-20, 50).moveByOffset(-15, 40)
                .release()
                .perform();
        assertThat(pad.getDomAttribute("data-drawn")).isEqualTo("true");
    }

    /** The first screen as a visitor sees it, then the whole page (the window made as tall as the document). */
    private void saveScreenshots(String name, int width, int height) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        JavascriptExecutor script = (JavascriptExecutor) browser;
        browser.manage().window().setSize(new Dimension(width, height));
        script.executeScript("window.scrollTo(0, 0)");
        settle();
        save(name + ".png");
        long documentHeight = ((Number) script.executeScript(
                "return document.documentElement.scrollHeight")).longValue();
        browser.manage().window().setSize(new Dimension(width, (int) Math.min(documentHeight + 120, 8000)));
        settle();
        save(name + "-full.png");
    }

    private void save(String file) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Lets the charts' ResizeObserver and the next animation frame redraw after a resize. */
    private void settle() {
        ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(done));");
    }

    private List<String> severeConsoleMessages() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }
}
