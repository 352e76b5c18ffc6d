package dev.wabots.bot.ai;

import dev.wabots.bot.config.BotSettings;
import dev.wabots.bot.config.Configuration;
import dev.wabots.bot.config.Identity;
import dev.wabots.bot.config.OrchestratorClient;
import dev.wabots.bot.store.BotDatabase;
import dev.wabots.whatsapp.Printable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Free text the funnel does not handle goes to the bot's AI through the orchestrator, with the
 * user's recent history (kept in the bot's database) — within the bot's rate limit: at most
 * {@code rate_limit_count} answers per user per {@code rate_limit_hours}, a sliding window that
 * survives restarts.
 */
@ApplicationScoped
public class Assistant {

  private static final Logger LOG = System.getLogger(Assistant.class.getName());

  @Inject Configuration configuration;

  @Inject BotDatabase database;

  @Inject @RestClient OrchestratorClient orchestrator;

  @Inject
  @ConfigProperty(name = "wabots.ai.history-messages", defaultValue = "20")
  int historyMessages;

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

  public Answer ask(String phone, String text) throws SQLException {
    BotSettings s = configuration.settings();
    Optional<Instant> blockedUntil = limit(phone, s.rateLimitCount(), Duration.ofHours(s.rateLimitHours()));
    if (blockedUntil.isPresent()) {
      return new Limited(blockedUntil.get(), notifyOnce(phone, blockedUntil.get(), Duration.ofHours(s.rateLimitHours())));
    }
    var messages = Json.createArrayBuilder();
    history(phone).forEach(m -> messages.add(Json.createObjectBuilder().add("role", m[0]).add("content", m[1])));
    messages.add(Json.createObjectBuilder().add("role", "user").add("content", text));
    JsonObject request = Json.createObjectBuilder().add("phone", phone).add("messages", messages).build();
    try (Response r = orchestrator.chat(Identity.bearer(), request)) {
      if (r.getStatus() == 404 || r.getStatus() == 405) {
        return new NoAi();
      }
      String body = r.hasEntity() ? r.readEntity(String.class) : "";
      if (r.getStatus() != 200) {
        LOG.log(Level.WARNING, "AI for {0} failed: HTTP {1} {2}", phone, r.getStatus(), abbreviate(body));
        return new Failed("HTTP " + r.getStatus());
      }
      String reply;
      try (var reader = Json.createReader(new java.io.StringReader(body))) {
        reply = reader.readObject().getString("reply", "").strip();
      }
      if (reply.isEmpty()) {
        return new Failed("empty reply");
      }
      remember(phone, text, reply);
      return new Replied(reply);
    } catch (ProcessingException | jakarta.ws.rs.WebApplicationException | jakarta.json.JsonException e) {
      LOG.log(Level.WARNING, "AI for {0} failed: {1}", phone, e.getMessage());
      return new Failed(e.getClass().getSimpleName());
    }
  }

  /** When the user may ask again, if they are over the limit now. */
  Optional<Instant> limit(String phone, int count, Duration window) throws SQLException {
    Instant since = Instant.now().minus(window);
    try (Connection c = database.connect();
        PreparedStatement s = c.prepareStatement(
            "SELECT at FROM ai_answers WHERE phone = ? AND at > ? ORDER BY at")) {
      s.setString(1, phone);
      s.setString(2, since.toString());
      List<Instant> answers = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          answers.add(Instant.parse(r.getString(1)));
        }
      }
      if (answers.size() < count) {
        return Optional.empty();
      }
      // The window slides: the oldest answer that keeps the user at the limit must age out.
      return Optional.of(answers.get(answers.size() - count).plus(window));
    }
  }

  private boolean notifyOnce(String phone, Instant nextAt, Duration window) throws SQLException {
    try (Connection c = database.write()) {
      String notified = null;
      try (PreparedStatement s = c.prepareStatement("SELECT limit_notified FROM conversations WHERE phone = ?")) {
        s.setString(1, phone);
        try (ResultSet r = s.executeQuery()) {
          if (r.next()) {
            notified = r.getString(1);
          }
        }
      }
      // Already told during this block (the block began at most one window before it ends).
      if (notified != null && Instant.parse(notified).isAfter(nextAt.minus(window))) {
        return false;
      }
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO conversations (phone, limit_notified) VALUES (?, ?)"
              + " ON CONFLICT (phone) DO UPDATE SET limit_notified = excluded.limit_notified")) {
        s.setString(1, phone);
        s.setString(2, Instant.now().toString());
        s.executeUpdate();
      }
      return true;
    }
  }

  private List<String[]> history(String phone) throws SQLException {
    List<String[]> out = new ArrayList<>();
    try (Connection c = database.connect();
        PreparedStatement s = c.prepareStatement(
            "SELECT role, content FROM (SELECT id, role, content FROM ai_history WHERE phone = ? ORDER BY id DESC LIMIT ?)"
                + " ORDER BY id")) {
      s.setString(1, phone);
      s.setInt(2, historyMessages);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(new String[] {r.getString(1), r.getString(2)});
        }
      }
    }
    return out;
  }

  private void remember(String phone, String question, String reply) throws SQLException {
    String now = Instant.now().toString();
    try (Connection c = database.write()) {
      c.setAutoCommit(false);
      try (PreparedStatement h = c.prepareStatement("INSERT INTO ai_history (phone, role, content, at) VALUES (?, ?, ?, ?)");
          PreparedStatement a = c.prepareStatement("INSERT INTO ai_answers (phone, at) VALUES (?, ?)");
          PreparedStatement trim = c.prepareStatement(
              "DELETE FROM ai_history WHERE phone = ? AND id NOT IN (SELECT id FROM ai_history WHERE phone = ? ORDER BY id DESC LIMIT ?)")) {
        for (String[] m : List.of(new String[] {"user", question}, new String[] {"assistant", reply})) {
          h.setString(1, phone);
          h.setString(2, m[0]);
          h.setString(3, m[1]);
          h.setString(4, now);
          h.executeUpdate();
        }
        a.setString(1, phone);
        a.setString(2, now);
        a.executeUpdate();
        trim.setString(1, phone);
        trim.setString(2, phone);
        trim.setInt(3, historyMessages);
        trim.executeUpdate();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Forgets a user's AI conversation ({@code /reset}). */
  public void forget(String phone) throws SQLException {
    try (Connection c = database.write();
        PreparedStatement s = c.prepareStatement("DELETE FROM ai_history WHERE phone = ?")) {
      s.setString(1, phone);
      s.executeUpdate();
    }
  }

  /** A voice note for {@code text} from the orchestrator, or empty when TTS is unavailable. */
  public Optional<byte[]> speak(String text) {
    BotSettings s = configuration.settings();
    var body = Json.createObjectBuilder().add("text", text);
    if (s.ttsEngine() != null) {
      body.add("engine", s.ttsEngine());
    }
    if (s.ttsVoice() != null) {
      body.add("voice", s.ttsVoice());
    }
    if (s.ttsPreset() != null) {
      body.add("preset", s.ttsPreset());
    }
    try (Response r = orchestrator.speech(Identity.bearer(), body.build())) {
      if (r.getStatus() != 200) {
        LOG.log(Level.WARNING, "Voice note failed: HTTP {0}", r.getStatus());
        return Optional.empty();
      }
      return Optional.of(r.readEntity(byte[].class));
    } catch (ProcessingException | jakarta.ws.rs.WebApplicationException e) {
      LOG.log(Level.WARNING, "Voice note failed: {0}", e.getMessage());
      return Optional.empty();
    }
  }

  private static String abbreviate(String s) {
    return Printable.of(s, 300);
  }
}
