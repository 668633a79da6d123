package dev.bastion.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium at 1280x800 with a fresh profile, driven through Debian's chromedriver (so
 * Selenium never downloads a browser), and the few gestures the console tests repeat.
 */
public final class ConsoleBrowser implements AutoCloseable {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    public final WebDriver driver;
    private final String base;
    private final Path profile;

    public ConsoleBrowser(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        try {
            profile = Files.createTempDirectory("bastion-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,800", "--user-data-dir=" + profile);
        // The browser's console, where Chromium reports what the Content-Security-Policy blocked.
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build();
        driver = new ChromeDriver(service, options);
    }

    public void open(String path) {
        driver.get(base + path);
    }

    /** Signs out whoever is signed in, then in through the form; ends on the console's home page. */
    public void signIn(String login, String password) {
        open("/admin/logout");
        waitFor(By.id("username"));
        driver.findElement(By.id("username")).sendKeys(login);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
        waitFor(By.id("signed-in-user"));
    }

    public WebElement waitFor(By what) {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.visibilityOfElementLocated(what));
    }

    /**
     * Clicks {@code button}, a full-page (non-Ajax) submit, and waits until the browser has left
     * the page: a loaded server answers late, and the old page's messages must not be read as the new.
     */
    public void submit(By button) {
        WebElement page = driver.findElement(By.tagName("html"));
        driver.findElement(button).click();
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.stalenessOf(page));
    }

    /** Waits until {@code what} says {@code text} (an Ajax update may land after the part waited for before). */
    public void waitForText(By what, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.textToBePresentInElementLocated(what, text));
    }

    /** The errors the browser's console reported since the last call (blocked scripts, script failures). */
    java.util.List<String> consoleErrors() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(org.openqa.selenium.logging.LogEntry::getMessage).toList();
    }

    /** The session cookie, for plain HTTP requests made as the signed-in user. */
    public String sessionCookie() {
        return driver.manage().getCookieNamed("JSESSIONID").getValue();
    }

    /** Saves what the browser shows, the whole page (the window grows to fit it, then shrinks back to its size). */
    public void screenshot(String name) {
        Dimension size = driver.manage().window().getSize();
        Object height = ((JavascriptExecutor) driver)
                .executeScript("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)");
        driver.manage().window().setSize(new Dimension(size.getWidth(), Math.max(size.getHeight(), ((Number) height).intValue())));
        // From the top left, whatever an earlier click scrolled into view.
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(size);
        }
    }

    /** Resizes the window (the console must work from 1280x800 down to a phone's width). */
    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Ticks the checkbox of a PrimeFaces checkbox list by its label. */
    public void tick(String listId, String label) {
        driver.findElement(By.xpath("//label[starts-with(@for,'" + listId + ":') and normalize-space()='" + label + "']"))
                .click();
    }

    /** Ticks or unticks a single PrimeFaces checkbox so that it ends {@code on}. */
    public void check(String id, boolean on) {
        WebElement box = driver.findElement(By.id(id));
        boolean checked = box.findElement(By.cssSelector("input[type=checkbox]")).isSelected();
        if (checked != on) {
            box.findElement(By.cssSelector(".ui-chkbox-box")).click();
        }
    }

    /** The row of table {@code tableId} with a cell that says {@code cellText}. */
    public WebElement row(String tableId, String cellText) {
        return waitFor(By.xpath("//*[@id='" + tableId + "']//tr[td[normalize-space()='" + cellText + "']]"));
    }

    public String rowText(String tableId, String cellText) {
        return row(tableId, cellText).getText();
    }

    /** Clicks the button of class {@code buttonClass} in the row {@link #row} finds. */
    public void clickInRow(String tableId, String cellText, String buttonClass) {
        row(tableId, cellText).findElement(By.cssSelector("button." + buttonClass)).click();
    }

    /** Answers yes in the confirmation dialog a delete or revoke opened. */
    public void confirm() {
        waitFor(By.cssSelector(".ui-confirmdialog-yes")).click();
    }

    /** Sets a text field at once (typing a whole JSON Schema key by key is slow and nothing more). */
    public void fill(WebElement field, String text) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", field, text);
    }

    /**
     * Picks {@code label} in a PrimeFaces select menu as a user does, and waits until its list has
     * closed; a click that lands while the list is still sliding open is ignored, so it is repeated.
     */
    public void pick(WebElement menu, String label) {
        String panel = menu.getAttribute("id") + "_panel";
        menu.click();
        for (int attempt = 1; ; attempt++) {
            waitFor(By.cssSelector("[id='" + panel + "'] li[data-label='" + label + "']")).click();
            try {
                new WebDriverWait(driver, Duration.ofSeconds(3)).until(ExpectedConditions.invisibilityOfElementLocated(
                        By.id(panel)));
                return;
            } catch (org.openqa.selenium.TimeoutException stillOpen) {
                if (attempt == 3) {
                    throw stillOpen;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.nio.file.NoSuchFileException e) {
            // Chromium removed its profile itself.
        }
    }
}
