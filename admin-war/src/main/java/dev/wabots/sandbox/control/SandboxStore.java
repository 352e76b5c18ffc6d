package dev.wabots.sandbox.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Everything the sandbox saw, per bot and phone number, in the orchestrator database
 * ({@code sandbox_messages}, {@code sandbox_media}): both directions in order, with the exact JSON
 * and whether it was valid.
 */
@ApplicationScoped
public class SandboxStore {

  @Resource(lookup = "jdbc/wabots")
  DataSource db;

  /** One recorded message. {@code seq} orders a conversation; {@code payload} is the exact JSON. */
  public record Entry(long seq, String phone, String direction, Instant at, String wamid, String payload,
      boolean valid, List<String> errors, String status) {}

  /** Uploaded media as the Graph stand-in keeps it. */
  public record Media(String id, String instanceId, String mimeType, String sha256, long size, Instant created) {}

  public long record(String instanceId, String phone, String direction, String wamid, String payload,
      boolean valid, List<String> errors) {
    String sql = "INSERT INTO sandbox_messages (instance_id, phone, direction, at, wamid, payload, valid, errors)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      s.setString(1, instanceId);
      s.setString(2, phone);
      s.setString(3, direction);
      s.setString(4, Instant.now().toString());
      s.setString(5, wamid);
      s.setString(6, payload);
      s.setInt(7, valid ? 1 : 0);
      var array = Json.createArrayBuilder();
      errors.forEach(array::add);
      s.setString(8, array.build().toString());
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        return keys.next() ? keys.getLong(1) : -1;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("sandbox store: " + e.getMessage(), e);
    }
  }

  public void status(String wamid, String status) {
    update("UPDATE sandbox_messages SET status = ? WHERE wamid = ? AND direction = 'out'", status, wamid);
  }

  public List<Entry> conversation(String instanceId, String phone, long afterSeq) {
    String sql = "SELECT seq, phone, direction, at, wamid, payload, valid, errors, status FROM sandbox_messages"
        + " WHERE instance_id = ? AND phone = ? AND seq > ? ORDER BY seq LIMIT 1000";
    List<Entry> out = new ArrayList<>();
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, instanceId);
      s.setString(2, phone);
      s.setLong(3, afterSeq);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          List<String> errors = new ArrayList<>();
          try (var reader = Json.createReader(new StringReader(r.getString(8)))) {
            JsonArray a = reader.readArray();
            a.forEach(v -> errors.add(v.getValueType() == JsonValue.ValueType.STRING
                ? ((jakarta.json.JsonString) v).getString() : v.toString()));
          }
          out.add(new Entry(r.getLong(1), r.getString(2), r.getString(3), Instant.parse(r.getString(4)),
              r.getString(5), r.getString(6), r.getInt(7) == 1, errors, r.getString(9)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("sandbox store: " + e.getMessage(), e);
    }
    return out;
  }

  /** Phone numbers with a conversation, newest activity first. */
  public List<String> phones(String instanceId) {
    String sql = "SELECT phone FROM sandbox_messages WHERE instance_id = ? GROUP BY phone ORDER BY MAX(seq) DESC";
    List<String> out = new ArrayList<>();
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, instanceId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(r.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("sandbox store: " + e.getMessage(), e);
    }
    return out;
  }

  /** The phone number an earlier message (either direction) belongs to. */
  public Optional<String> phoneOf(String instanceId, String wamid) {
    String sql = "SELECT phone FROM sandbox_messages WHERE instance_id = ? AND wamid = ? LIMIT 1";
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, instanceId);
      s.setString(2, wamid);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("sandbox store: " + e.getMessage(), e);
    }
  }

  /** When this phone last wrote to the bot (the 24-hour window starts there). */
  public Optional<Instant> lastInbound(String instanceId, String phone) {
    String sql = "SELECT MAX(at) FROM sandbox_messages WHERE instance_id = ? AND phone = ? AND direction = 'in'";
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, instanceId);
      s.setString(2, phone);
      try (ResultSet r = s.executeQuery()) {
        return r.next() && r.getString(1) != null ? Optional.of(Instant.parse(r.getString(1))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("sandbox store: " + e.getMessage(), e);
    }
  }

  public void clear(String instanceId) {
    update("DELETE FROM sandbox_messages WHERE instance_id = ?", instanceId);
    update("DELETE FROM sandbox_media WHERE instance_id = ?", instanceId);
  }

  /** Takes back one record (a test-chat message the bot never received). */
  public void clearSeq(long seq) {
    update("DELETE FROM sandbox_messages WHERE seq = ?", Long.toString(seq));
  }

  public void clearConversation(String instanceId, String phone) {
    update("DELETE FROM sandbox_messages WHERE instance_id = ? AND phone = ?", instanceId, phone);
  }

  public void saveMedia(Media m, byte[] data) {
    String sql = "INSERT INTO sandbox_media (id, instance_id, mime_type, sha256, size, created, data) VALUES (?, ?, ?, ?, ?, ?, ?)";
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, m.id());
      s.setString(2, m.instanceId());
      s.setString(3, m.mimeType());
      s.setString(4, m.sha256());
      s.setLong(5, m.size());
      s.setString(6, m.created().toString());
      s.setBytes(7, data);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("sandbox store: " + e.getMessage(), e);
    }
  }

  public Optional<Media> media(String id) {
    String sql = "SELECT id, instance_id, mime_type, sha256, size, created FROM sandbox_media WHERE id = ?";
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next()
            ? Optional.of(new Media(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5),
                Instant.parse(r.getString(6))))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("sandbox store: " + e.getMessage(), e);
    }
  }

  public byte[] mediaBytes(String id) {
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("SELECT data FROM sandbox_media WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getBytes(1) : new byte[0];
      }
    } catch (SQLException e) {
      throw new IllegalStateException("sandbox store: " + e.getMessage(), e);
    }
  }

  private void update(String sql, String... params) {
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setString(i + 1, params[i]);
      }
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("sandbox store: " + e.getMessage(), e);
    }
  }
}
