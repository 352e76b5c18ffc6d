package dev.wabots.bot.inbox;

import dev.wabots.bot.ai.Assistant;
import dev.wabots.bot.config.Configuration;
import dev.wabots.bot.events.Outbox;
import dev.wabots.bot.graph.GraphApiException;
import dev.wabots.bot.graph.GraphClient;
import dev.wabots.bot.handoff.Handoffs;
import dev.wabots.bot.requirements.Drafting;
import dev.wabots.bot.store.BotDatabase;
import dev.wabots.contract.BotEvent;
import dev.wabots.whatsapp.AudioMessage;
import dev.wabots.whatsapp.PhoneNumber;
import dev.wabots.whatsapp.TextMessage;
import dev.wabots.whatsapp.TextSplitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The second half of answering a message: works through its planned {@link Reply}s from where the
 * last run stopped — asks the AI, has the requirements document drafted or makes the voice note just before they are due, checks the
 * 24-hour window, sends, and remembers each reply the Graph API accepted before the next. What to
 * do after a refusal is {@link RetryPolicy}'s decision, carried out by the caller.
 */
@ApplicationScoped
public class Sender {

  private static final Logger LOG = System.getLogger(Sender.class.getName());

  @Inject Configuration configuration;

  @Inject BotDatabase database;

  @Inject Inbox inbox;

  @Inject dev.wabots.bot.metrics.Counters counters;

  @Inject GraphClient graph;

  @Inject Assistant assistant;

  @Inject Notices notices;

  @Inject Outbox outbox;

  @Inject Handoffs handoffs;

  @Inject Drafting drafting;

  Clock clock = Clock.systemUTC();
  RetryPolicy policy = new RetryPolicy();
  private final RepeatedWarning aiFailures = new RepeatedWarning(Duration.ofMinutes(1));

  /** How a row's sending ended. */
  public sealed interface Result {}

  /** Every planned reply went (or the row failed for good, with its reason stored). */
  public record Finished(RowState state) implements Result {}

  /** A transient refusal: the row waits until {@code at}. */
  public record Postponed(Instant at, String why) implements Result {}

  /** The bot cannot send at all (token refused): nothing more goes until a probe works. */
  public record Halted(Duration probeAfter, String why) implements Result {}

  /** Sends a planned row's remaining replies. */
  public Result send(InboxRow row) throws InterruptedException {
    InboxRow current = row;
    while (current.sent() < current.plan().size()) {
      Reply next = current.plan().get(current.sent());
      if (next instanceof Reply.AskAi ask) {
        current = resolve(current, askAi(current, ask.text(), ask.image()));
        continue;
      }
      if (next instanceof Reply.Draft draft) {
        current = resolve(current, drafting.draft(current.phone(), draft.request()));
        continue;
      }
      if (next instanceof Reply.VoiceNote voice) {
        current = resolve(current, voice(current, voice.text()));
        continue;
      }
      Reply.Send send = (Reply.Send) next;
      if (!send.type().equals("template") && inbox.windowClosed(current.phone(), clock.instant())) {
        String why = "outside the 24-hour window: only templates may be sent";
        LOG.log(Level.WARNING, "Not sending a {0} to {1}: {2}", send.type(), current.phone(), why);
        inbox.finish(current.seq(), RowState.FAILED, why);
        return new Finished(RowState.FAILED);
      }
      GraphClient.Accepted accepted;
      try {
        accepted = graph.send(current.phone(), send.request());
      } catch (GraphApiException e) {
        counters.graphError(e.code());
        return refused(current, e);
      }
      counters.sent(send.type());
      int sent = current.sent() + 1;
      String wamid = accepted.messageId() == null ? "unknown-" + current.seq() + "-" + sent : accepted.messageId();
      boolean last = sent == current.plan().size();
      inbox.sent(current, sent, wamid, send, last);
      if (last) {
        return new Finished(RowState.DONE);
      }
      current = current.replanned(current.plan(), sent);
    }
    inbox.finish(current.seq(), RowState.DONE, null);
    return new Finished(RowState.DONE);
  }

  private Result refused(InboxRow row, GraphApiException e) {
    RetryPolicy.Decision decision = policy.after(e, row.attempts());
    if (decision instanceof RetryPolicy.Retry retry) {
      Instant at = clock.instant().plus(retry.delay());
      inbox.postpone(row.seq(), at, retry.why());
      LOG.log(Level.WARNING, "Reply to {0} postponed by {1} ms (attempt {2}): {3}", row.wamid(), retry.delay().toMillis(),
          row.attempts() + 1, retry.why());
      return new Postponed(at, retry.why());
    }
    if (decision instanceof RetryPolicy.Halt halt) {
      // Not this message's fault: it stays due, and goes first once sending works again.
      inbox.note(row.seq(), halt.why());
      return new Halted(halt.probeAfter(), halt.why());
    }
    String why = ((RetryPolicy.GiveUp) decision).why();
    LOG.log(Level.ERROR, "Reply to {0} refused, not retried: {1}", row.wamid(), why);
    inbox.finish(row.seq(), RowState.FAILED, why);
    return new Finished(RowState.FAILED);
  }

  /** The plan with the step at {@code sent} replaced by {@code resolved}, stored before it is sent. */
  private InboxRow resolve(InboxRow row, List<Reply> resolved) {
    List<Reply> plan = new ArrayList<>(row.plan());
    plan.remove(row.sent());
    plan.addAll(row.sent(), resolved);
    inbox.replan(row.seq(), plan, row.sent());
    return row.replanned(plan, row.sent());
  }

  /** Free text for the AI: within the rate limit, the answer (and a voice note); else a notice and the menu. */
  private List<Reply> askAi(InboxRow row, String text, String imageWamid) {
    PhoneNumber phone = PhoneNumber.parse(row.phone());
    Reply menu = Reply.Send.of(database.funnel().menu(phone));
    dev.wabots.contract.ChatImage image = imageWamid == null ? null : database.media().of(imageWamid)
        .flatMap(r -> database.media().bytes(imageWamid).map(b -> new dev.wabots.contract.ChatImage(
            dev.wabots.whatsapp.MediaLimits.baseType(r.mimeType()), java.util.Base64.getEncoder().encodeToString(b))))
        .orElse(null);
    Assistant.Answer answer = assistant.ask(row.phone(), text, image);
    List<Reply> out = new ArrayList<>();
    if (answer instanceof Assistant.Replied replied) {
      for (String part : TextSplitter.split(replied.text())) {
        out.add(Reply.Send.of(new TextMessage(part, false).to(phone)));
      }
      if (configuration.settings().ttsEnabled()) {
        out.add(new Reply.VoiceNote(replied.text()));
      }
      return out;
    }
    if (answer instanceof Assistant.Limited limited) {
      if (limited.firstNotice()) {
        String when = DateTimeFormatter.ofPattern("dd.MM HH:mm").withZone(ZoneOffset.UTC).format(limited.nextAt());
        out.add(Reply.Send.of(new TextMessage(notices.text("rate_limited", when), false).to(phone)));
      }
      out.add(menu);
      return out;
    }
    if (answer instanceof Assistant.Failed failed) {
      warnAiFailed(failed.why());
      database.transactions().writing(s -> {
        outbox.append(s, row.phone(), new BotEvent.AiFailed(failed.why()));
        if (configuration.settings().handoff().onAiFailure()) {
          handoffs.request(s, row.phone(), "ai_failed");
        }
      });
    }
    String notice = answer instanceof Assistant.NoAi ? notices.text("manager") : notices.text("ai_unavailable");
    out.add(Reply.Send.of(new TextMessage(notice, false).to(phone)));
    out.add(menu);
    return out;
  }

  private void warnAiFailed(String why) {
    RepeatedWarning.Line line = aiFailures.occurred(clock.instant(), why);
    logAiFailures(line);
  }

  /** Writes a summary of AI failures whose period is over (the processor calls this on its timer). */
  void summarise() {
    logAiFailures(aiFailures.due(clock.instant()));
  }

  private static void logAiFailures(RepeatedWarning.Line line) {
    if (line == null) {
      return;
    }
    if (line.first()) {
      LOG.log(Level.WARNING, "AI unavailable: {0}; customers get the polite answer and the menu", line.detail());
    } else {
      LOG.log(Level.WARNING, "AI unavailable for {0} more message(s) in the last minute (last: {1})", line.count(),
          line.detail());
    }
  }

  /** A voice note for an AI answer; nothing when TTS fails (the text already went). */
  private List<Reply> voice(InboxRow row, String text) {
    try {
      Optional<byte[]> audio = assistant.speak(text);
      if (audio.isEmpty()) {
        return List.of();
      }
      String mediaId = graph.upload(audio.get(), "audio/ogg", "reply.ogg");
      return List.of(Reply.Send.of(AudioMessage.ofMediaId(mediaId, true).to(PhoneNumber.parse(row.phone()))));
    } catch (GraphApiException | RuntimeException e) {
      LOG.log(Level.WARNING, "Voice note for {0} skipped: {1}", row.wamid(), e.getMessage());
      return List.of();
    }
  }
}
