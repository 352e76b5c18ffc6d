package dev.wabots.admin.web;

import dev.wabots.admin.web.ChatBubbles.Bubble;
import dev.wabots.instances.boundary.InstanceView;
import dev.wabots.instances.control.InstanceRules;
import dev.wabots.platform.Conflict;
import dev.wabots.platform.DomainException;
import dev.wabots.platform.Invalid;
import dev.wabots.platform.NotFound;
import dev.wabots.processes.boundary.BotProcesses;
import dev.wabots.sandbox.boundary.Sandbox;
import dev.wabots.sandbox.control.SandboxStore;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.primefaces.PrimeFaces;

/**
 * The Test chat tab of a sandbox bot: the person writes as a WhatsApp user from a test number
 * (through {@link Sandbox#inbound}, a signed webhook to the bot) and sees both directions as a
 * phone chat. A poll, while the tab is open, reads the conversation every second and re-renders
 * the bubbles only when something changed, never the text being typed.
 */
@Named
@ViewScoped
public class TestChatTab extends BotTab {

  private static final long serialVersionUID = 1L;
  static final String TAB_ID = "chatTab";
  static final String DEFAULT_PHONE = "79001234567";
  static final String CONTACT_NAME = "Panel";
  /** What the poll re-renders when the conversation or the bot's state changed. */
  private static final String[] CHANGING = {"tabs:chatForm:conversation", "tabs:chatForm:notice", "tabs:chatForm:phones"};

  @Inject Sandbox sandbox;

  @Inject BotProcesses processes;

  @Inject dev.wabots.conversations.boundary.Conversations conversations;

  private String phone = DEFAULT_PHONE;
  private String text;
  private List<Bubble> bubbles = List.of();
  private boolean typing;
  private List<String> phones = List.of();
  private String state;
  private String seen = "";
  private Bubble sheet;

  @Override
  protected void fill(InstanceView b) {
    sheet = null;
    load();
  }

  /** Reads the conversation (and the bot's state); true when anything shown changed. */
  boolean load() {
    if (bot == null || !isSandbox()) {
      bubbles = List.of();
      phones = List.of();
      return false;
    }
    state = processes.stateOf(bot.id()).id();
    try {
      List<SandboxStore.Entry> entries = sandbox.conversation(bot.id(), phone, 0);
      java.util.Map<String, String> heard = heard();
      ChatBubbles.Conversation c = ChatBubbles.of(entries, Instant.now(), ZoneId.systemDefault(), heard);
      bubbles = c.bubbles();
      typing = c.typing();
      List<String> known = new ArrayList<>(sandbox.phones(bot.id()));
      if (!known.contains(phone)) {
        known.add(0, phone);
      }
      phones = List.copyOf(known);
      String now = state + "|" + typing + "|" + phones + "|" + entries.stream()
          .map(e -> e.seq() + ":" + e.status()).toList() + "|" + heard.keySet();
      boolean changed = !now.equals(seen);
      seen = now;
      return changed;
    } catch (NotFound e) {
      bubbles = List.of();
      return false;
    } catch (DomainException e) {
      feedback.refused(e);
      return false;
    }
  }

  /** What speech to text heard in this number's voice notes (known once the bot reported it). */
  private java.util.Map<String, String> heard() {
    try {
      return conversations.transcripts(bot.id(), phone);
    } catch (DomainException e) {
      return java.util.Map.of();
    }
  }

  /** The poll: re-renders the chat only when something changed, and keeps it scrolled down. */
  public void poll() {
    if (load()) {
      PrimeFaces.current().ajax().update(CHANGING);
      PrimeFaces.current().executeScript("wabots.chatToEnd()");
    }
  }

  /** The tab was opened: fresh messages, scrolled to the newest. */
  void opened() {
    load();
    PrimeFaces.current().ajax().update(CHANGING);
    PrimeFaces.current().executeScript("wabots.chatToEnd()");
  }

  public void send() {
    if (text == null || text.isBlank()) {
      return;
    }
    if (deliver(text.strip(), null)) {
      text = null;
    }
  }

  /** Taps a reply button or picks a list row the bot offered. */
  public void tap(String replyId) {
    sheet = null;
    deliver(null, replyId);
  }

  /** Opens the sheet with the rows of a list message. */
  public void openSheet(long seq) {
    sheet = bubbles.stream().filter(b -> b.seq() == seq && b.hasList()).findFirst().orElse(null);
  }

  /** Shows the conversation of another test number (typed, or picked from the list). */
  public void switchTo() {
    String digits = InstanceRules.phoneDigits(phone);
    if (digits == null) {
      feedback.atField("from", "error.from");
      return;
    }
    phone = digits;
    seen = "";
    load();
  }

  public void open(String number) {
    phone = number;
    switchTo();
  }

  /** Forgets this conversation in the sandbox (the bot's own memory of the user stays). */
  public void reset() {
    try {
      sandbox.clear(bot.id(), phone);
      feedback.done("chat.reset_done", phone);
    } catch (NotFound e) {
      feedback.problem("error.bot_gone", bot.id());
    } catch (DomainException e) {
      feedback.refused(e);
    }
    load();
  }

  private boolean deliver(String message, String replyId) {
    if (bot == null) {
      return false;
    }
    try {
      sandbox.inbound(bot.id(), phone, CONTACT_NAME, message, replyId);
      load();
      return true;
    } catch (Conflict e) {
      // The bot does not answer on its port: not started, or still starting.
      feedback.problem("chat.not_answering", bot.name());
    } catch (Invalid e) {
      if (e.fields().stream().anyMatch(f -> f.field().equals("reply_id"))) {
        feedback.problem("chat.not_offered");
      } else {
        feedback.refused(e);
      }
    } catch (NotFound e) {
      feedback.problem("error.bot_gone", bot.id());
    } catch (DomainException e) {
      feedback.refused(e);
    }
    load();
    return false;
  }

  /** The address of a bubble's file (see {@link ChatBubbles#fileOf}). */
  public String fileOf(Bubble b) {
    return ChatBubbles.fileOf(b, jakarta.faces.context.FacesContext.getCurrentInstance().getExternalContext()
        .getRequestContextPath(), bot.id());
  }

  public boolean isSandbox() {
    return bot != null && "sandbox".equals(bot.mode());
  }

  public boolean isRunning() {
    return "running".equals(state);
  }

  public boolean isPolling() {
    return isSandbox() && TAB_ID.equals(fleet.getOpenTab());
  }

  public InstanceView getBot() {
    return bot;
  }

  public String getState() {
    return state;
  }

  public List<Bubble> getBubbles() {
    return bubbles;
  }

  public boolean isTyping() {
    return typing;
  }

  public List<String> getPhones() {
    return phones;
  }

  public Bubble getSheet() {
    return sheet;
  }

  public String getPhone() {
    return phone;
  }

  public void setPhone(String phone) {
    this.phone = phone;
  }

  public String getText() {
    return text;
  }

  public void setText(String text) {
    this.text = text;
  }
}
