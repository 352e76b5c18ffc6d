package dev.wabots.bot.ai;

import dev.wabots.bot.config.Configuration;
import dev.wabots.bot.config.Orchestrator;
import dev.wabots.bot.http.JsonHttp;
import dev.wabots.bot.http.Jsons;
import dev.wabots.bot.store.BotDatabase;
import dev.wabots.contract.BotConfiguration;
import dev.wabots.contract.ChatAnswer;
import dev.wabots.contract.ChatRequest;
import dev.wabots.contract.ChatTurn;
import dev.wabots.contract.ContractException;
import dev.wabots.contract.ContractJson;
import dev.wabots.contract.SpeechRequest;
import dev.wabots.whatsapp.Printable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Free text the funnel does not handle goes to the bot's AI through the orchestrator, with the
 * user's recent history (kept in the bot's database) — within the bot's rate limit: at most
 * {@code rate_limit_count} answers per user per {@code rate_limit_hours}, a sliding window that
 * survives restarts.
 */
@ApplicationScoped
public class Assistant {

  private static final Logger LOG = System.getLogger(Assistant.class.getName());

  private final Configuration configuration;
  private final BotDatabase database;
  private final Orchestrator orchestrator;
  private final int historyMessages;

  /** For the container's proxy. */
  protected Assistant() {
    this(null, null, null, 0);
  }

  @Inject
  public Assistant(Configuration configuration, BotDatabase database, Orchestrator orchestrator,
      @ConfigProperty(name = "wabots.ai.history-messages", defaultValue = "20") int historyMessages) {
    this.configuration = configuration;
    this.database = database;
    this.orchestrator = orchestrator;
    this.historyMessages = historyMessages;
  }

  /** What happened to a question. */
  public sealed interface Answer {}

  /** The AI answered. */
  public record Replied(String text) implements Answer {}

  /** Over the limit; {@code firstNotice} is false when the user was already told in this window. */
  public record Limited(Instant nextAt, boolean firstNotice) implements Answer {}

  /** The orchestrator has no AI for bots (yet): a person will answer. */
  public record NoAi() implements Answer {}

  /** The AI chain failed; the user gets a friendly "we'll get back to you". */
  public record Failed(String why) implements Answer {}

  public Answer ask(String phone, String text) {
    return ask(phone, text, null);
  }

  /**
   * A question with a customer's photo ({@code image} null: text only). The history keeps the
   * text with a {@code [photo]} mark; the photo goes only with this turn.
   */
  public Answer ask(String phone, String text, dev.wabots.contract.ChatImage image) {
    BotConfiguration s = configuration.settings();
    Optional<Instant> blockedUntil = limit(phone, s.rateLimitCount(), Duration.ofHours(s.rateLimitHours()), Instant.now());
    if (blockedUntil.isPresent()) {
      return new Limited(blockedUntil.get(), notifyOnce(phone, blockedUntil.get(), Duration.ofHours(s.rateLimitHours())));
    }
    List<ChatTurn> messages = new ArrayList<>(history(phone));
    messages.add(new ChatTurn("user", text, image));
    Answer answer = chat(ContractJson.write(new ChatRequest(phone, messages)));
    if (answer instanceof Replied replied) {
      remember(phone, image == null ? text : "[photo] " + text, replied.text());
    }
    return answer;
  }

  /**
   * The requirements document ("ТЗ") for a customer's questionnaire: {@code prompt} (the
   * definition's instructions and the customer's answers) goes to the bot's AI through the same
   * chat path as questions — the orchestrator adds the bot's persona and picks its backend — as
   * one message on its own: no history, outside the question rate limit (the questionnaire is the
   * funnel's), and not remembered as a question.
   */
  public Answer draft(String phone, String prompt) {
    return chat(ContractJson.write(new ChatRequest(phone, List.of(new ChatTurn("user", prompt)))));
  }

  private Answer chat(String request) {
    JsonHttp.Answer r;
    try {
      r = orchestrator.chat(request);
    } catch (java.io.IOException e) {
      return new Failed(e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Failed("interrupted");
    }
    if (r.status() == 404 || r.status() == 405) {
      return new NoAi();
    }
    if (r.status() != 200) {
      return new Failed("HTTP " + r.status() + " " + abbreviate(r.body()));
    }
    try {
      ChatAnswer answer = ContractJson.read(r.body(), ChatAnswer.class);
      String reply = answer.reply() == null ? "" : answer.reply().strip();
      if (reply.isEmpty()) {
        return new Failed("empty reply");
      }
      return new Replied(reply);
    } catch (ContractException e) {
      return new Failed(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** When the user may ask again, if they are over the limit at {@code now}. */
  Optional<Instant> limit(String phone, int count, Duration window, Instant now) {
    Instant since = now.minus(window);
    List<Instant> answers = database.transactions().read(s -> s.list(
        "SELECT at FROM ai_answers WHERE phone = ? AND at > ? ORDER BY at", r -> r.instant(1), phone, since));
    if (answers.size() < count) {
      return Optional.empty();
    }
    // The window slides: the oldest answer that keeps the user at the limit must age out.
    return Optional.of(answers.get(answers.size() - count).plus(window));
  }

  private boolean notifyOnce(String phone, Instant nextAt, Duration window) {
    return database.transactions().write(s -> {
      Optional<Instant> notified = s.first("SELECT limit_notified FROM conversations WHERE phone = ?",
          r -> r.instant(1), phone);
      // Already told during this block (the block began at most one window before it ends).
      if (notified.isPresent() && notified.get().isAfter(nextAt.minus(window))) {
        return false;
      }
      s.update("INSERT INTO conversations (phone, limit_notified) VALUES (?, ?)"
          + " ON CONFLICT (phone) DO UPDATE SET limit_notified = excluded.limit_notified", phone, Instant.now());
      return true;
    });
  }

  private List<ChatTurn> history(String phone) {
    return database.transactions().read(s -> s.list(
        "SELECT role, content FROM (SELECT id, role, content FROM ai_history WHERE phone = ? ORDER BY id DESC LIMIT ?)"
            + " ORDER BY id", r -> new ChatTurn(r.text(1), r.text(2)), phone, historyMessages));
  }

  private void remember(String phone, String question, String reply) {
    Instant now = Instant.now();
    database.transactions().writing(s -> {
      s.update("INSERT INTO ai_history (phone, role, content, at) VALUES (?, ?, ?, ?)", phone, "user", question, now);
      s.update("INSERT INTO ai_history (phone, role, content, at) VALUES (?, ?, ?, ?)", phone, "assistant", reply, now);
      s.update("INSERT INTO ai_answers (phone, at) VALUES (?, ?)", phone, now);
      s.update("DELETE FROM ai_history WHERE phone = ? AND id NOT IN"
          + " (SELECT id FROM ai_history WHERE phone = ? ORDER BY id DESC LIMIT ?)", phone, phone, historyMessages);
    });
  }

  /** Forgets a user's AI conversation ({@code /reset}); joins the caller's write transaction. */
  public void forget(String phone) {
    database.transactions().writing(s -> s.update("DELETE FROM ai_history WHERE phone = ?", phone));
  }

  /** A voice note for {@code text} from the orchestrator, or empty when TTS is unavailable. */
  public Optional<byte[]> speak(String text) {
    BotConfiguration s = configuration.settings();
    String body = ContractJson.write(new SpeechRequest(text, s.ttsEngine(), s.ttsVoice(), s.ttsPreset()));
    try {
      JsonHttp.Bytes r = orchestrator.speech(body);
      if (r.status() != 200) {
        LOG.log(Level.WARNING, "Voice note failed: HTTP {0} {1}", r.status(), abbreviate(r.text()));
        return Optional.empty();
      }
      return Optional.of(r.body());
    } catch (java.io.IOException e) {
      LOG.log(Level.WARNING, "Voice note failed: {0}: {1}", e.getClass().getSimpleName(), e.getMessage());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** What speech to text made of a voice note. */
  public sealed interface Transcript {}

  /** The words heard. */
  public record Heard(String text) implements Transcript {}

  /** No text: speech to text is off, the engine is down, or the note is too long ({@code why}). */
  public record NotHeard(String why) implements Transcript {}

  /** A customer's voice note as text, through the orchestrator's speech-to-text engine of this bot. */
  public Transcript transcribe(byte[] audio, String mimeType) {
    if (!configuration.settings().sttEnabled()) {
      return new NotHeard("speech to text is off");
    }
    try {
      JsonHttp.Answer r = orchestrator.transcription(mimeType, audio);
      String body = r.body();
      if (r.status() != 200) {
        return new NotHeard("HTTP " + r.status() + ": " + abbreviate(body));
      }
      try (var reader = Jsons.JSON.createReader(new java.io.StringReader(body))) {
        String text = reader.readObject().getString("text", "").strip();
        return text.isEmpty() ? new NotHeard("nothing was heard") : new Heard(text);
      }
    } catch (java.io.IOException | jakarta.json.JsonException | ClassCastException e) {
      return new NotHeard(abbreviate(e.getClass().getSimpleName() + ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new NotHeard("interrupted");
    }
  }

  private static String abbreviate(String s) {
    return Printable.of(s, 300);
  }
}
