package dev.wabots.bot.inbox;

import dev.wabots.bot.ai.Assistant;
import dev.wabots.bot.config.Configuration;
import dev.wabots.bot.events.Outbox;
import dev.wabots.bot.graph.GraphClient;
import dev.wabots.bot.handoff.Handoffs;
import dev.wabots.bot.store.BotDatabase;
import dev.wabots.contract.BotConfiguration;
import dev.wabots.contract.BotEvent;
import dev.wabots.contract.CustomerState;
import dev.wabots.contract.HandoffRules;
import dev.wabots.bot.media.Received;
import dev.wabots.funnel.Attachment;
import dev.wabots.funnel.FunnelEvent;
import dev.wabots.funnel.FunnelInput;
import dev.wabots.funnel.FunnelReply;
import dev.wabots.funnel.FunnelState;
import dev.wabots.funnel.UserState;
import dev.wabots.funnel.store.Session;
import dev.wabots.whatsapp.InboundMessage;
import dev.wabots.whatsapp.MediaLimits;
import dev.wabots.whatsapp.MessageContent;
import dev.wabots.whatsapp.PhoneNumber;
import dev.wabots.whatsapp.TextMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The first half of answering a message: the access rules, the read receipt, then the funnel step
 * committed in one transaction with the replies it plans ({@link Reply}s). Nothing is sent here.
 */
@ApplicationScoped
public class Planner {

  private static final Logger LOG = System.getLogger(Planner.class.getName());
  /** Lines about messages refused by the access rules, per second (a flood is summarised). */
  static final int REFUSAL_LINES_PER_SECOND = 5;

  @Inject Configuration configuration;

  @Inject BotDatabase database;

  @Inject Inbox inbox;

  @Inject GraphClient graph;

  @Inject Assistant assistant;

  @Inject Notices notices;

  @Inject Handoffs handoffs;

  @Inject Outbox outbox;

  private final LogBudget refusals = new LogBudget(REFUSAL_LINES_PER_SECOND);

  /**
   * Plans the replies to a pending row.
   *
   * @return the row, planned; or null when it needs no reply (blocked, not allowed, ignored) and is finished
   */
  public InboxRow plan(InboxRow row) {
    BotConfiguration s = configuration.settings();
    if (s.blockedPhones().contains(row.phone())) {
      return refuse(row, RowState.BLOCKED, "from blocked number");
    }
    if (!s.allowedPhones().isEmpty() && !s.allowedPhones().contains(row.phone())) {
      return refuse(row, RowState.NOT_ALLOWED, "from a number not on the allowed list");
    }
    InboundMessage message = row.message();
    FunnelInput input = input(row, message.content());
    if (input instanceof FunnelInput.Ignored) {
      inbox.finish(row.seq(), RowState.IGNORED, null);
      return null;
    }
    Optional<Handoffs.Handoff> handoff = handoffs.of(row.phone());
    if (handoff.isPresent() && handoff.get().withPerson()) {
      // A person answers this customer: read receipts still go, the bot says nothing.
      graph.markRead(row.wamid(), false);
      inbox.finish(row.seq(), RowState.WITH_PERSON, null);
      return null;
    }
    graph.markRead(row.wamid(), true);
    PhoneNumber phone = message.from();
    boolean photoForAi = seesPhoto(row, s);
    List<Reply> plan = new ArrayList<>();
    database.transactions().writing(tx -> {
      plan.clear();
      if (s.handoff().onPersonWords() && input instanceof FunnelInput.Text text && asksForPerson(text.text())) {
        handoffs.request(tx, row.phone(), "asked_for_person");
      }
      if (input instanceof FunnelInput.Shared shared && s.mediaHandoff() && !photoForAi
          && HANDOFF_ATTACHMENTS.contains(shared.attachment())) {
        handoffs.request(tx, row.phone(), "media_" + shared.attachment().type());
      }
      if (input instanceof FunnelInput.Text text && text.text().strip().equalsIgnoreCase("/reset")) {
        // Not a funnel step and not a question for the AI: forget the AI conversation, say so.
        assistant.forget(row.phone());
        plan.add(Reply.Send.of(new TextMessage(notices.text("reset"), false).to(phone)));
        plan.add(Reply.Send.of(database.funnel().menu(phone)));
      } else if (photoForAi) {
        // The AI looks at the photo with its caption (or a question about it); the funnel is not involved.
        MessageContent.Media m = (MessageContent.Media) message.content();
        String caption = m.caption().isBlank() ? notices.text("photo_question") : m.caption().strip();
        plan.add(new Reply.AskAi(caption, row.wamid()));
      } else {
        if (s.sttEcho() && input instanceof FunnelInput.Text heard && spoken(message.content())) {
          // "I heard: …" first, then the transcript is answered as if typed.
          database.funnel().heard(phone, heard.text(), message.profileName().orElse(null))
              .ifPresent(echo -> plan.add(Reply.Send.of(echo)));
        }
        FunnelReply reply = database.funnel().handle(phone, message.profileName().orElse(null), input);
        reply.messages().forEach(m -> plan.add(Reply.Send.of(m)));
        reply.aiText().ifPresent(text -> plan.add(new Reply.AskAi(text)));
        reply.draft().ifPresent(request -> plan.add(new Reply.Draft(request)));
        publish(tx, row.phone(), reply, s.handoff());
      }
      inbox.plan(tx, row.seq(), plan);
    });
    return row.planned(plan);
  }

  /** What the customer sent that a person should look at, when the bot is set to ask for one. */
  static final Set<Attachment> HANDOFF_ATTACHMENTS = Set.of(Attachment.DOCUMENT, Attachment.IMAGE_NOT_UNDERSTOOD,
      Attachment.VOICE_NOT_UNDERSTOOD, Attachment.MEDIA_REFUSED);

  /**
   * The funnel's view of a message; for a file, what {@link MediaIntake} made of it: a voice note's
   * transcript is text as if typed, a refused file is explained.
   */
  FunnelInput input(InboxRow row, MessageContent content) {
    FunnelInput input = FunnelInput.of(content);
    if (!(content instanceof MessageContent.Media m)) {
      return input;
    }
    Optional<Received> kept = database.media().of(row.wamid());
    if (kept.isEmpty()) {
      return input;
    }
    Received r = kept.get();
    if (r.refused()) {
      long limitMb = MediaLimits.limit(m.kind(), m.animated(), intakeCap()) / (1024 * 1024);
      String reason = notices.text("media_" + r.refusal(), Math.max(1, limitMb));
      return new FunnelInput.Shared(Attachment.MEDIA_REFUSED, Map.of("reason", reason));
    }
    if (m.kind() == MessageContent.MediaKind.AUDIO && r.transcript() != null && !r.transcript().isBlank()) {
      return new FunnelInput.Text(r.transcript());
    }
    return input;
  }

  @Inject MediaIntake intake;

  /** A voice note or audio (whose transcript {@link #input} made text). */
  private static boolean spoken(MessageContent content) {
    return content instanceof MessageContent.Media m && m.kind() == MessageContent.MediaKind.AUDIO;
  }

  /** A kept photo and an AI that takes images. */
  private boolean seesPhoto(InboxRow row, BotConfiguration s) {
    return s.aiSeesImages() && row.message().content() instanceof MessageContent.Media m
        && m.kind() == MessageContent.MediaKind.IMAGE
        && database.media().of(row.wamid()).filter(Received::stored).isPresent();
  }

  private long intakeCap() {
    return intake == null ? 0 : intake.cap();
  }

  /**
   * The funnel's events for the orchestrator (stage and segment after the step); hand-off requests
   * for the contact action and a too expensive quote, where the bot's {@code rules} ask for them.
   */
  private void publish(Session tx, String phone, FunnelReply reply, HandoffRules rules) {
    UserState state = reply.state();
    CustomerState customer = CustomerState.of(state);
    for (FunnelEvent event : reply.events()) {
      outbox.append(tx, phone, new BotEvent.FunnelStep(event.type(), event.data(),
          state.funnelState().map(FunnelState::code).orElse(null),
          state.segment().map(Enum::name).orElse(null), customer));
      if (event.type().equals(FunnelEvent.CONTACT_REQUESTED) && rules.onContact()) {
        handoffs.request(tx, phone, "contact_requested");
      } else if (TOO_EXPENSIVE.contains(event.type()) && rules.onTooExpensive()) {
        handoffs.request(tx, phone, "too_expensive");
      }
    }
  }

  /**
   * The funnel's events when a customer says the quote is too expensive: {@code
   * objection_expensive} in the shipped definitions (docs/FUNNEL.md), {@code quote_too_expensive}
   * in definitions written for the first version.
   */
  static final Set<String> TOO_EXPENSIVE = Set.of("objection_expensive", "quote_too_expensive");

  /** Whether the text asks for a person (one of the bot's words, as a whole word). */
  boolean asksForPerson(String text) {
    Set<String> words = personWords();
    for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
      if (word.isEmpty()) {
        continue;
      }
      if (words.contains(word)) {
        return true;
      }
      for (String w : words) {
        if (w.endsWith("*") && word.startsWith(w.substring(0, w.length() - 1))) {
          return true;
        }
      }
    }
    return false;
  }

  private Set<String> personWords() {
    Set<String> w = words;
    if (w == null) {
      w = new java.util.HashSet<>(java.util.Arrays.asList(
          notices.text("handoff_words").toLowerCase(Locale.ROOT).split("\\s*,\\s*")));
      words = w;
    }
    return w;
  }

  private volatile Set<String> words;

  private InboxRow refuse(InboxRow row, RowState state, String why) {
    inbox.finish(row.seq(), state, null);
    long left = refusals.take(System.currentTimeMillis());
    if (left >= 0) {
      LOG.log(Level.INFO, "Message {0} {1} {2}: not answered{3}", row.wamid(), why, row.phone(),
          left == 0 ? "" : " (" + left + " more refused message(s) not logged; the inbox has them all)");
    }
    return null;
  }
}
