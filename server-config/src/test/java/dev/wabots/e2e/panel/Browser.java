package dev.wabots.e2e.panel;

import dev.wabots.e2e.Launched;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium on the panel (Debian's chromium and chromium-driver, given explicitly; a fresh
 * profile deleted afterwards), with the waits the panel's Ajax needs and screenshots under
 * {@code target/screenshots}.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Duration WAIT = Duration.ofSeconds(20);
  static final Path SCREENSHOTS = Path.of(System.getProperty("wabots.e2e.dir", "target/e2e"))
      .toAbsolutePath().resolveSibling("screenshots");

  final ChromeDriver driver;
  private final URI base;
  private final Path profile;
  /** What the browser refused under the panel's Content-Security-Policy (from its console). */
  private final List<String> cspViolations = new java.util.concurrent.CopyOnWriteArrayList<>();

  private Browser(URI base) throws IOException {
    this.base = base;
    profile = Files.createTempDirectory("wabots-chromium-");
    ChromeOptions options = new ChromeOptions()
        .setBinary(CHROMIUM.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--window-size=1366,900", "--lang=ru", "--user-data-dir=" + profile,
            // A microphone that plays a tone, allowed without asking: the test chat records voice notes.
            "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream");
    // The console, to catch anything the panel's Content-Security-Policy blocks.
    options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
  }

  static Browser open(URI base) {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException("the panel tests need " + CHROMIUM + " and " + CHROMEDRIVER
          + " (apt-get install chromium chromium-driver)");
    }
    try {
      return new Browser(base);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void go(String path) {
    driver.get(base.resolve(path).toString());
    idle();
  }

  String path() {
    return URI.create(driver.getCurrentUrl()).getPath();
  }

  void login(String username, String password) {
    go("/panel/login");
    type(By.id("loginForm:username"), username);
    type(By.id("loginForm:password"), password);
    WebElement submit = find(By.id("loginForm:submit"));
    submit.click();
    // A plain post: wait for the next page (the panel, or the login page again with a message).
    waitUntil(d -> gone(submit));
    idle();
  }

  void logout() {
    click(By.id("accountForm:logout"));
    waitUntil(d -> path().equals("/panel/login"));
  }

  WebElement find(By by) {
    return new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(by));
  }

  List<WebElement> all(By by) {
    return driver.findElements(by);
  }

  void click(By by) {
    waitUntil(d -> {
          WebElement e = d.findElement(by);
          if (!e.isDisplayed() || !e.isEnabled()) {
            return false;
          }
          // The top bar is sticky: keep the target clear of it.
          ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'});", e);
          e.click();
          return true;
        });
  }

  /**
   * Types into a fresh lookup of the input, again if the panel's polling replaced it meanwhile
   * (chromedriver then reports a stale element, or "node does not belong to the document").
   */
  void type(By by, String text) {
    new WebDriverWait(driver, WAIT, Duration.ofMillis(200))
        .ignoring(StaleElementReferenceException.class)
        .ignoring(org.openqa.selenium.ElementNotInteractableException.class)
        .until(d -> {
          WebElement input = d.findElement(by);
          if (!input.isDisplayed() || !input.isEnabled()) {
            return false;
          }
          try {
            input.clear();
            // A formatted number input (AutoNumeric) puts its value back after clear(): select and delete it too.
            input.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"),
                org.openqa.selenium.Keys.DELETE);
            input.sendKeys(text);
          } catch (org.openqa.selenium.WebDriverException e) {
            if (replaced(e)) {
              return false;
            }
            throw e;
          }
          // Keys like Enter act on the value (a chip is made, a form sent): nothing left to compare.
          return text.contains("\n") || text.equals(input.getAttribute("value"));
        });
  }

  /**
   * Whether an element left the page. This chromedriver reports a node of a page that was
   * replaced as "does not belong to the document" rather than as a stale element.
   */
  static boolean gone(WebElement element) {
    try {
      element.isEnabled();
      return false;
    } catch (StaleElementReferenceException e) {
      return true;
    } catch (org.openqa.selenium.WebDriverException e) {
      if (replaced(e)) {
        return true;
      }
      throw e;
    }
  }

  /** A new session: no cookies of the previous test. */
  void forgetSession() {
    driver.manage().deleteAllCookies();
  }

  String text(By by) {
    return waitUntil(d -> d.findElement(by).getText());
  }

  /** An attribute of a fresh lookup, looked up again if the panel's polling replaced the node meanwhile. */
  String attribute(By by, String name) {
    return waitUntil(d -> String.valueOf(d.findElement(by).getAttribute(name)));
  }

  <T> T waitUntil(Function<WebDriver, T> condition) {
    return waitUntil(condition, WAIT);
  }

  <T> T waitUntil(Function<WebDriver, T> condition, Duration limit) {
    return new WebDriverWait(driver, limit, Duration.ofMillis(250))
        .ignoring(StaleElementReferenceException.class)
        .until(d -> {
          try {
            return condition.apply(d);
          } catch (org.openqa.selenium.WebDriverException e) {
            if (replaced(e)) {
              return null; // the panel's polling swapped the node: look again
            }
            throw e;
          }
        });
  }

  static boolean replaced(org.openqa.selenium.WebDriverException e) {
    return String.valueOf(e.getMessage()).contains("does not belong to the document");
  }

  /** Waits until no Faces/PrimeFaces Ajax request is in flight. */
  void idle() {
    waitUntil(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
        "return document.readyState === 'complete'"
            + " && (!window.PrimeFaces || PrimeFaces.ajax.Queue.isEmpty())"
            + " && (!window.jQuery || jQuery.active === 0);"));
    readConsole();
  }

  /** Moves what the console reported about the Content-Security-Policy into {@link #cspViolations}. */
  private void readConsole() {
    try {
      for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
        String text = entry.getMessage();
        if (text.contains("Content Security Policy") || text.contains("Content-Security-Policy")) {
          cspViolations.add(text);
        }
      }
    } catch (RuntimeException unsupported) {
      // a driver without console logs: nothing to read
    }
  }

  /** The CSP violations seen since the last call, which forgets them. */
  List<String> takeCspViolations() {
    readConsole();
    List<String> seen = List.copyOf(cspViolations);
    cspViolations.clear();
    return seen;
  }

  /** Removes the growls on screen, so that the next {@link #growl} waits for a new one. */
  void clearGrowls() {
    script("document.querySelectorAll('.ui-growl-item-container').forEach(function (e) { e.remove(); });");
  }

  /** Waits for a growl whose text contains {@code part}; returns its text. */
  String growl(String part) {
    return waitUntil(d -> d.findElements(By.cssSelector(".ui-growl-message")).stream()
        .map(WebElement::getText)
        .filter(t -> t.contains(part))
        .findFirst()
        .orElse(null));
  }

  void resize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
  void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Saves a screenshot named after a failed test, for the person reading the report; and fails a
   * test during which the browser blocked anything under the panel's Content-Security-Policy.
   */
  static TestWatcher screenshotOnFailure(Supplier<Browser> browser) {
    return new Watcher(browser);
  }

  /** Screenshots of failures, and the CSP check after each test. */
  private static final class Watcher implements TestWatcher, AfterEachCallback {
    private final Supplier<Browser> browser;

    Watcher(Supplier<Browser> browser) {
      this.browser = browser;
    }

    @Override
    public void afterEach(ExtensionContext context) {
      Browser b = browser.get();
      List<String> violations = b == null ? List.of() : b.takeCspViolations();
      if (!violations.isEmpty()) {
        throw new AssertionError("the browser blocked under the Content-Security-Policy: " + violations);
      }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      Browser b = browser.get();
      if (b != null) {
        try {
          b.screenshot("failed-" + context.getRequiredTestClass().getSimpleName() + "-" + context.getDisplayName()
              .replaceAll("[^A-Za-z0-9]+", ""));
        } catch (RuntimeException ignored) {
          // the failure itself is what matters
        }
      }
    }
  }

  /** Closes the browser, then the orchestrator, whatever the first close throws (a test class's end). */
  static void closeBoth(Browser browser, Launched run) {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (run != null) {
        run.close();
      }
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (var walk = Files.walk(profile)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException ignored) {
        // a leftover temporary profile is harmless
      }
    }
  }
}
