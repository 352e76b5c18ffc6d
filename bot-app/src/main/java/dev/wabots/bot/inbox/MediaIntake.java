package dev.wabots.bot.inbox;

import dev.wabots.bot.ai.Assistant;
import dev.wabots.bot.graph.GraphApiException;
import dev.wabots.bot.graph.GraphClient;
import dev.wabots.bot.media.MediaFiles;
import dev.wabots.bot.media.Received;
import dev.wabots.bot.store.BotDatabase;
import dev.wabots.whatsapp.MediaLimits;
import dev.wabots.whatsapp.MessageContent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Takes a customer's file before the message is answered, as Meta documents it: media id → URL →
 * download with the bot's token. Refused without storing: a type the kind may not have, a file over
 * Meta's limit for its kind (or the bot's own cap), content that is not what its type says. A
 * transient refusal of the Graph API postpones the message like a reply ({@link RetryPolicy}); a
 * voice note is then turned into text. Each message is taken once (its row in {@code media} says
 * so); the customer's lane runs one message at a time, and at most {@link #PARALLEL} downloads run
 * in the whole bot.
 */
@ApplicationScoped
public class MediaIntake {

  private static final Logger LOG = System.getLogger(MediaIntake.class.getName());
  static final int PARALLEL = 4;

  @Inject BotDatabase database;

  @Inject GraphClient graph;

  @Inject Inbox inbox;

  @Inject Assistant assistant;

  @Inject dev.wabots.bot.events.Outbox outbox;

  /** The bot's own cap on a file's size, below Meta's limits (0: Meta's only). */
  @Inject
  @ConfigProperty(name = "wabots.media.max-bytes", defaultValue = "16777216")
  long cap;

  /** The bot's own cap (a method: through the container's proxy a field reads as 0). */
  long cap() {
    return cap;
  }

  Clock clock = Clock.systemUTC();
  RetryPolicy policy = new RetryPolicy();
  private final Semaphore downloads = new Semaphore(PARALLEL, true);

  /** How taking a row's file ended. */
  sealed interface Result {}

  /** The message can be answered now (its file is kept, refused, or it has none). */
  record Ready() implements Result {}

  /** A transient refusal: the row waits until {@code at}. */
  record Postponed(Instant at, String why) implements Result {}

  /** The token was refused: nothing more goes until a probe works. */
  record Halted(java.time.Duration probeAfter, String why) implements Result {}

  Result take(InboxRow row) throws InterruptedException {
    if (!(row.message().content() instanceof MessageContent.Media m)) {
      return new Ready();
    }
    MediaFiles files = database.media();
    Optional<Received> kept = files.of(row.wamid());
    boolean changed = false;
    if (kept.isEmpty()) {
      Result fetched = fetch(row, m, files);
      if (!(fetched instanceof Ready)) {
        return fetched;
      }
      kept = files.of(row.wamid());
      changed = true;
    }
    if (m.kind() == MessageContent.MediaKind.AUDIO && kept.isPresent() && kept.get().stored()
        && kept.get().transcript() == null && kept.get().transcriptProblem() == null) {
      transcribe(kept.get(), files);
      kept = files.of(row.wamid());
      changed = true;
    }
    if (changed && kept.isPresent()) {
      Received r = kept.get();
      // For the conversation thread: the file's fate and a voice note's transcript.
      outbox.append(row.phone(), new dev.wabots.contract.BotEvent.MediaReceived(r.wamid(), r.kind(), r.mimeType(),
          r.filename(), r.size(), r.state(), r.refusal(), r.transcript()));
    }
    return new Ready();
  }

  private Result fetch(InboxRow row, MessageContent.Media m, MediaFiles files) throws InterruptedException {
    String kind = m.kind().type();
    Optional<String> problem = MediaLimits.problem(m.kind(), m.mimeType(), -1, m.animated(), cap);
    if (problem.isPresent()) {
      return refuse(row, m, -1, "wrong_type", problem.get());
    }
    downloads.acquire();
    try {
      GraphClient.MediaInfo info = graph.mediaInfo(m.mediaId());
      String mime = info.mimeType().isBlank() ? m.mimeType() : info.mimeType();
      problem = MediaLimits.problem(m.kind(), mime, info.size(), m.animated(), cap);
      if (problem.isPresent()) {
        String refusal = MediaLimits.types(m.kind()).contains(MediaLimits.baseType(mime)) ? "too_large" : "wrong_type";
        return refuse(row, m, info.size(), refusal, problem.get());
      }
      long limit = MediaLimits.limit(m.kind(), m.animated(), cap);
      Optional<byte[]> data = graph.download(info.url(), limit);
      if (data.isEmpty()) {
        return refuse(row, m, info.size(), "too_large", "the file is larger than " + limit + " bytes");
      }
      byte[] bytes = data.get();
      problem = MediaLimits.contentProblem(mime, Arrays.copyOf(bytes, Math.min(bytes.length, 64)));
      if (problem.isPresent()) {
        return refuse(row, m, bytes.length, "not_what_it_claims", problem.get());
      }
      files.store(row.wamid(), row.phone(), kind, mime, m.filename().isBlank() ? null : m.filename(), bytes,
          clock.instant());
      return new Ready();
    } catch (GraphApiException e) {
      return refused(row, m, e);
    } finally {
      downloads.release();
    }
  }

  private Result refused(InboxRow row, MessageContent.Media m, GraphApiException e) {
    RetryPolicy.Decision decision = policy.after(e, row.attempts());
    if (decision instanceof RetryPolicy.Retry retry) {
      Instant at = clock.instant().plus(retry.delay());
      inbox.postpone(row.seq(), at, "media: " + retry.why());
      LOG.log(Level.WARNING, "Media of {0} postponed by {1} ms (attempt {2}): {3}", row.wamid(),
          retry.delay().toMillis(), row.attempts() + 1, retry.why());
      return new Postponed(at, retry.why());
    }
    if (decision instanceof RetryPolicy.Halt halt) {
      inbox.note(row.seq(), halt.why());
      return new Halted(halt.probeAfter(), halt.why());
    }
    String why = ((RetryPolicy.GiveUp) decision).why();
    LOG.log(Level.ERROR, "Media of {0} could not be downloaded: {1}", row.wamid(), why);
    return refuse(row, m, -1, "download_failed", why);
  }

  private Result refuse(InboxRow row, MessageContent.Media m, long size, String refusal, String reason) {
    LOG.log(Level.INFO, "Media of {0} refused ({1}): {2}", row.wamid(), refusal, reason);
    database.media().refuse(row.wamid(), row.phone(), m.kind().type(), MediaLimits.baseType(m.mimeType()),
        m.filename().isBlank() ? null : m.filename(), size, refusal, reason, clock.instant());
    return new Ready();
  }

  private void transcribe(Received voice, MediaFiles files) {
    Optional<byte[]> audio = files.bytes(voice.wamid());
    if (audio.isEmpty()) {
      files.transcript(voice.wamid(), null, "the file is gone");
      return;
    }
    Assistant.Transcript t = assistant.transcribe(audio.get(), voice.mimeType());
    if (t instanceof Assistant.Heard heard) {
      files.transcript(voice.wamid(), heard.text(), null);
    } else {
      String why = ((Assistant.NotHeard) t).why();
      LOG.log(Level.INFO, "Voice note {0} not transcribed: {1}", voice.wamid(), why);
      files.transcript(voice.wamid(), null, why);
    }
  }
}
