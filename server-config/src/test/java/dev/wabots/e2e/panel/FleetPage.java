package dev.wabots.e2e.panel;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The fleet page as a test sees it: rows by bot id, the selected bot's header, tabs, field messages. */
final class FleetPage {

  private final Browser browser;

  FleetPage(Browser browser) {
    this.browser = browser;
  }

  static By row(String botId) {
    return By.cssSelector("li[data-bot='" + botId + "']");
  }

  static By inRow(String botId, String css) {
    return By.cssSelector("li[data-bot='" + botId + "'] " + css);
  }

  List<String> botIds() {
    browser.find(By.id("listForm:bots"));
    // The list polls: a row read while it is being replaced is read again with the rest.
    return browser.waitUntil(d -> d.findElements(By.cssSelector("li[data-bot]")).stream()
        .map(e -> e.getAttribute("data-bot")).toList());
  }

  /** The state the row's status dot shows (running, stopped, starting, crashed, crash_loop). */
  String dotState(String botId) {
    return browser.attribute(inRow(botId, ".dot"), "data-state");
  }

  /** Waits (the list polls by itself) until the bot's dot shows {@code state}. */
  void awaitDot(String botId, String state, Duration limit) {
    browser.waitUntil(d -> state.equals(dotState(botId)), limit);
  }

  void select(String botId) {
    browser.click(inRow(botId, "a.bot-name"));
    browser.waitUntil(d -> botId.equals(browser.text(By.id("botId")))
        && browser.attribute(row(botId), "class").contains("selected"));
    browser.idle();
  }

  String selectedId() {
    List<WebElement> id = browser.all(By.id("botId"));
    return id.isEmpty() ? null : id.get(0).getText();
  }

  void openTab(String tabId) {
    browser.click(By.cssSelector("a[href='#tabs:" + tabId + "']"));
    browser.waitUntil(d -> browser.find(By.id("tabs:" + tabId)).isDisplayed());
    browser.idle();
  }

  /** The validation message under an input of a tab form ({@code aiForm}, {@code temperature}). */
  String fieldMessage(String formId, String inputId) {
    By message = By.xpath("//*[@id='tabs:" + formId + ":" + inputId + "' or @id='tabs:" + formId + ":" + inputId
        + "_input']/ancestor::div[contains(@class,'field')][1]//div[contains(@class,'ui-message-error')]");
    return browser.text(message);
  }

  /** Picks a value of a PrimeFaces select menu (by its client id) the way a click would, without the overlay. */
  void choose(String clientId, String value) {
    browser.waitUntil(d -> Boolean.TRUE.equals(browser.script(
        "var w = PrimeFaces.getWidgetById(arguments[0]); if (!w) return false; w.selectValue(arguments[1]);"
            + " return w.getSelectedValue() === arguments[1];", clientId, value)));
  }

  /** A laptop-sized window on one bot's detail, signed in as {@code username} if the session is not. */
  void openAs(String bot, String username, String password) {
    browser.resize(1366, 900);
    browser.go("/panel/bots?bot=" + bot);
    if (browser.path().equals("/panel/login")) {
      browser.login(username, password);
      browser.go("/panel/bots?bot=" + bot);
    }
    if (!bot.equals(selectedId())) {
      throw new AssertionError("the panel shows " + selectedId() + ", not " + bot);
    }
  }

  void create(String name) {
    browser.click(By.id("listForm:addBot"));
    browser.waitUntil(d -> browser.find(By.id("newBotDialog")).isDisplayed());
    browser.type(By.id("newBotForm:name"), name);
    browser.idle();
    browser.click(By.id("newBotForm:create"));
    browser.idle();
  }
}
