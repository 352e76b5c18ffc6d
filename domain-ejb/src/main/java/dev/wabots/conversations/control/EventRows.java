package dev.wabots.conversations.control;

import dev.wabots.platform.InstantText;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;

/**
 * The rows an event batch only inserts — messages, funnel records and the first row of a new
 * conversation or lead — written with plain JDBC on the transaction's own connection, in the
 * order the events come.
 *
 * <p>Through JPA each of them needed a flush (a message's id numbers the thread, a new
 * conversation's or lead's id is needed at once), and every flush compares every object the
 * persistence context manages: with hundreds of new customers in one batch of 500 events that was
 * quadratic, and the batch held the event queue ({@code EventTurns}) while it computed. Now a
 * batch flushes once, at its commit, where JPA writes what changed on the conversations and leads.
 *
 * <p>One per batch; {@link #close} closes its statements (not the connection, which the
 * transaction owns).
 */
public final class EventRows implements AutoCloseable {

  private final Connection connection;
  private PreparedStatement message;
  private PreparedStatement funnel;
  private PreparedStatement conversation;
  private PreparedStatement lead;

  private EventRows(Connection connection) {
    this.connection = connection;
  }

  /** The rows of the transaction {@code em} takes part in (begins its database transaction now). */
  public static EventRows of(EntityManager em) {
    Connection c = em.unwrap(Connection.class);
    if (c == null) {
      throw new IllegalStateException("event rows need the transaction's connection (called outside a transaction?)");
    }
    return new EventRows(c);
  }

  /**
   * Takes the database's write lock for this transaction now, before the batch reads anything.
   * A transaction that reads first and writes later cannot write at all when another writer (the
   * usage rows, a bot's metrics, a person in the panel) committed in between: SQLite answers
   * {@code SQLITE_BUSY} at once instead of waiting, since what the transaction read is no longer
   * the latest (event batches were refused so, ~8 in 40 s at 500 messages/s, and delivered again
   * a second later). Begun with a write, the transaction waits for its turn (the busy timeout) and
   * then reads the latest. The statement changes nothing.
   */
  public void writeFirst() {
    claimWrite(connection);
  }

  /** {@link #writeFirst} on a connection whose transaction has not read yet. */
  static void claimWrite(Connection connection) {
    try (Statement s = connection.createStatement()) {
      s.executeUpdate("UPDATE event_streams SET last_seq = last_seq WHERE 0");
    } catch (SQLException e) {
      throw failed("the batch (its write turn)", e);
    }
  }

  /** Inserts a message of a conversation (its id follows the previous one: the thread's order). */
  public void message(long conversationId, long eventSeq, boolean inbound, String author, Instant at, String type,
      String wamid, String text, String payload) {
    try {
      if (message == null) {
        message = connection.prepareStatement("INSERT INTO conversation_messages"
            + " (conversation_id, event_seq, direction, author, at, type, wamid, text, payload)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
      }
      message.setLong(1, conversationId);
      message.setLong(2, eventSeq);
      message.setString(3, inbound ? "in" : "out");
      message.setString(4, author);
      message.setString(5, InstantText.FIXED_TEXT.apply(at));
      message.setString(6, type == null ? "unknown" : type);
      text(message, 7, wamid);
      text(message, 8, text);
      text(message, 9, payload);
      message.executeUpdate();
    } catch (SQLException e) {
      throw failed("a conversation message", e);
    }
  }

  /** Inserts a funnel record of a conversation. */
  public void funnel(long conversationId, long eventSeq, Instant at, String event, String data, String stage,
      String segment) {
    try {
      if (funnel == null) {
        funnel = connection.prepareStatement("INSERT INTO funnel_events"
            + " (conversation_id, event_seq, at, event, data, stage, segment) VALUES (?, ?, ?, ?, ?, ?, ?)");
      }
      funnel.setLong(1, conversationId);
      funnel.setLong(2, eventSeq);
      funnel.setString(3, InstantText.FIXED_TEXT.apply(at));
      funnel.setString(4, event);
      funnel.setString(5, data == null ? "{}" : data);
      text(funnel, 6, stage);
      text(funnel, 7, segment);
      funnel.executeUpdate();
    } catch (SQLException e) {
      throw failed("a funnel record", e);
    }
  }

  /** Inserts a new conversation (the table's defaults for the rest) and answers its id. */
  public long conversation(String bot, String phone, boolean sandbox, Instant created) {
    try {
      if (conversation == null) {
        conversation = connection.prepareStatement(
            "INSERT INTO conversations (bot_id, phone, sandbox, created) VALUES (?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS);
      }
      conversation.setString(1, bot);
      conversation.setString(2, phone);
      conversation.setInt(3, sandbox ? 1 : 0);
      conversation.setString(4, InstantText.FIXED_TEXT.apply(created));
      conversation.executeUpdate();
      return key(conversation);
    } catch (SQLException e) {
      throw failed("a conversation", e);
    }
  }

  /** Inserts a new lead (the table's defaults for the rest) and answers its id. */
  public long lead(String bot, String phone, Instant at) {
    try {
      if (lead == null) {
        lead = connection.prepareStatement("INSERT INTO leads (bot_id, phone, first_at, last_at) VALUES (?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS);
      }
      lead.setString(1, bot);
      lead.setString(2, phone);
      String when = InstantText.FIXED_TEXT.apply(at);
      lead.setString(3, when);
      lead.setString(4, when);
      lead.executeUpdate();
      return key(lead);
    } catch (SQLException e) {
      throw failed("a lead", e);
    }
  }

  private static long key(PreparedStatement inserted) throws SQLException {
    try (ResultSet keys = inserted.getGeneratedKeys()) {
      if (!keys.next()) {
        throw new SQLException("the database answered no id for the inserted row");
      }
      return keys.getLong(1);
    }
  }

  private static void text(PreparedStatement s, int index, String value) throws SQLException {
    if (value == null) {
      s.setNull(index, Types.VARCHAR);
    } else {
      s.setString(index, value);
    }
  }

  private static PersistenceException failed(String what, SQLException e) {
    return new PersistenceException("could not store " + what + ": " + e.getMessage(), e);
  }

  @Override
  public void close() {
    for (PreparedStatement s : new PreparedStatement[] {message, funnel, conversation, lead}) {
      if (s != null) {
        try {
          s.close();
        } catch (SQLException e) {
          // the statement goes back to the pool's cache or away with the connection
        }
      }
    }
  }
}
