package dev.wabots.conversations.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** How far a bot's event stream is stored: delivery is idempotent by (bot, stream, sequence number). */
@Entity
@Table(name = "event_streams")
public class EventStream {

  @Id
  @Column(name = "bot_id")
  private String botId;

  @Column(nullable = false)
  private String stream;

  @Column(name = "last_seq", nullable = false)
  private long lastSeq;

  @Column(name = "received_at", nullable = false)
  private Instant receivedAt;

  @Column(name = "lag_ms")
  private Long lagMs;

  protected EventStream() {}

  public EventStream(String botId, String stream, Instant at) {
    this.botId = botId;
    this.stream = stream;
    this.receivedAt = at;
  }

  /** Whether the event is new for this stream (numbers at or below the stored one are duplicates). */
  public boolean isNew(long seq) {
    return seq > lastSeq;
  }

  /** The bot's database was replaced: its numbers start again. */
  public void restart(String newStream) {
    stream = newStream;
    lastSeq = 0;
  }

  public void stored(long seq, Instant now, long lagMillis) {
    lastSeq = Math.max(lastSeq, seq);
    receivedAt = now;
    lagMs = lagMillis;
  }

  public String stream() {
    return stream;
  }

  public long lastSeq() {
    return lastSeq;
  }

  public Long lagMs() {
    return lagMs;
  }

  public Instant receivedAt() {
    return receivedAt;
  }
}
