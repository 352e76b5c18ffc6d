package dev.wabots.bot.inbox;

import dev.wabots.bot.ai.Assistant;
import dev.wabots.bot.config.BotSettings;
import dev.wabots.bot.config.Configuration;
import dev.wabots.bot.graph.GraphApiException;
import dev.wabots.bot.graph.GraphClient;
import dev.wabots.bot.store.BotDatabase;
import dev.wabots.funnel.FunnelInput;
import dev.wabots.whatsapp.AudioMessage;
import dev.wabots.whatsapp.InboundMessage;
import dev.wabots.whatsapp.InvalidWebhookException;
import dev.wabots.whatsapp.PhoneNumber;
import dev.wabots.whatsapp.TextMessage;
import dev.wabots.whatsapp.TextSplitter;
import dev.wabots.whatsapp.WebhookParser;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Answers what the webhook took: per user strictly in arrival order, different users in parallel.
 * For each message: access rules → mark as read (typing…) → the funnel step, committed together
 * with the list of replies to send → the replies, each remembered once the Graph API accepted it.
 * After a crash the bot resumes exactly where it stopped, so every acknowledged message is
 * answered once.
 */
@jakarta.enterprise.context.ApplicationScoped
public class Processor {

  private static final Logger LOG = System.getLogger(Processor.class.getName());
  /** Lines about messages refused by the access rules, per second (a flood is summarised). */
  static final int REFUSAL_LINES_PER_SECOND = 5;

  private final LogBudget refusals = new LogBudget(REFUSAL_LINES_PER_SECOND);
  /** Plan entries that are not requests yet: resolved just before sending. */
  static final String AI = "@ai:";
  static final String VOICE = "@voice:";
  static final Set<String> IGNORED_TYPES = Set.of("Reaction", "Edit", "Revoke", "SystemNotice");

  @Inject Configuration configuration;

  @Inject BotDatabase database;

  @Inject Inbox inbox;

  @Inject GraphClient graph;

  @Inject Assistant assistant;

  /** Threads with the application's context, made once for the lanes' pool below. */
  @Resource ManagedThreadFactory threads;

  /**
   * The lanes' pool: at most {@value #LANE_THREADS} users worked at once. Not a managed executor:
   * that captures the context of every task it is given, with a class-path search each time
   * (16 % of a bot's CPU at 650 webhooks/s, BENCHMARKS.md); threads of a managed thread factory
   * carry the context once.
   */
  private ThreadPoolExecutor lanesExecutor;

  @Resource ManagedScheduledExecutorService scheduler;

  static final int LANE_THREADS = 16;

  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
  private ResourceBundle notices;
  private volatile boolean stopping;

  /** Called once at start, after the database is open: resumes what a crash left behind. */
  public void start() {
    lanesExecutor = new ThreadPoolExecutor(LANE_THREADS, LANE_THREADS, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), threads);
    lanesExecutor.allowCoreThreadTimeOut(true);
    BotSettings s = configuration.settings();
    notices = ResourceBundle.getBundle("dev.wabots.bot.notices", Locale.forLanguageTag(s.language()));
    if (database.problem() != null) {
      return;
    }
    scheduler.scheduleWithFixedDelay(this::rescan, 1, 15, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    stopping = true;
    if (lanesExecutor != null) {
      lanesExecutor.shutdown();
    }
  }

  /** New messages were taken: work through each of their users' queues. */
  public void kick(Iterable<String> phones) {
    for (String phone : phones) {
      submit(phone);
    }
  }

  /** Unfinished rows after a crash, and postponed rows whose time has come. */
  void rescan() {
    if (stopping || graph.tokenProblem() != null) {
      return;
    }
    try {
      List<String> phones = inbox.phonesWithUnfinished();
      List<String> idle = phones.stream().filter(p -> !lanes.containsKey(p)).toList();
      if (!idle.isEmpty()) {
        LOG.log(Level.INFO, "Resuming unfinished messages of {0} user(s)", idle.size());
      }
      kick(idle);
    } catch (SQLException e) {
      LOG.log(Level.ERROR, "Cannot read the inbox: {0}", e.getMessage());
    }
  }

  // ------------------------------------------------------------------ lanes (per-user order)

  private void submit(String phone) {
    lanes.compute(phone, (p, lane) -> {
      Lane l = lane == null ? new Lane() : lane;
      if (l.pending.isEmpty()) {
        l.pending.add(Boolean.TRUE); // one queued pass covers everything unfinished
      }
      if (!l.running) {
        l.running = true;
        lanesExecutor.execute(() -> drain(p, l));
      }
      return l;
    });
  }

  private void drain(String phone, Lane lane) {
    while (true) {
      if (lane.pending.poll() == null) {
        boolean[] done = {false};
        lanes.compute(phone, (p, current) -> {
          if (lane.pending.isEmpty()) {
            lane.running = false;
            done[0] = true;
            return null;
          }
          return current;
        });
        if (done[0]) {
          return;
        }
        continue;
      }
      try {
        processUser(phone);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | SQLException e) {
        LOG.log(Level.ERROR, "Processing messages of {0} failed: {1}", phone, e.toString());
      }
    }
  }

  /** One user's queue: a set of pending passes and whether a thread is working it. */
  private static final class Lane {
    final ConcurrentLinkedQueue<Boolean> pending = new ConcurrentLinkedQueue<>();
    boolean running;
  }

  // ------------------------------------------------------------------ one user's messages

  private void processUser(String phone) throws SQLException, InterruptedException {
    for (Inbox.Row row : inbox.unfinished(phone)) {
      if (stopping || !process(row)) {
        return; // postponed: later messages of this user wait for it, in order
      }
    }
  }

  /** @return false when the row had to be postponed */
  boolean process(Inbox.Row row) throws SQLException, InterruptedException {
    Inbox.Row current = row;
    if (current.state().equals("pending")) {
      current = plan(current);
      if (current == null) {
        return true;
      }
    }
    return send(current);
  }

  private static String leftOut(long count) {
    return count == 0 ? "" : " (" + count + " more refused message(s) not logged; the inbox has them all)";
  }

  /** Access rules and the funnel step; the replies are planned in the step's transaction. */
  private Inbox.Row plan(Inbox.Row row) throws SQLException {
    BotSettings s = configuration.settings();
    if (s.blockedPhones().contains(row.phone())) {
      inbox.finish(row.seq(), "blocked", null);
      long left = refusals.take(System.currentTimeMillis());
      if (left >= 0) {
        LOG.log(Level.INFO, "Message {0} from blocked number {1}: not answered{2}", row.wamid(), row.phone(), leftOut(left));
      }
      return null;
    }
    if (!s.allowedPhones().isEmpty() && !s.allowedPhones().contains(row.phone())) {
      inbox.finish(row.seq(), "not_allowed", null);
      long left = refusals.take(System.currentTimeMillis());
      if (left >= 0) {
        LOG.log(Level.INFO, "Message {0} from {1}, not on the allowed list: not answered{2}", row.wamid(), row.phone(),
            leftOut(left));
      }
      return null;
    }
    InboundMessage message = reparse(row);
    FunnelInput input = FunnelInput.of(message.content());
    if (input instanceof FunnelInput.Ignored) {
      inbox.finish(row.seq(), "ignored", null);
      return null;
    }
    graph.markRead(row.wamid(), true);
    PhoneNumber phone = message.from();
    if (input instanceof FunnelInput.Text text && text.text().strip().equalsIgnoreCase("/reset")) {
      // Not a funnel step and not a question for the AI: forget the AI conversation, say so.
      assistant.forget(row.phone());
      List<String> reset = List.of(new TextMessage(notices.getString("reset"), false).to(phone).toJson(),
          database.funnel().menu(phone).toJson());
      inbox.plan(row.seq(), reset, 0);
      inbox.markPlanned(row.seq());
      return new Inbox.Row(row.seq(), row.wamid(), row.phone(), row.profileName(), row.type(), row.raw(), "planned",
          reset, 0, row.attempts());
    }
    List<String> plan = new ArrayList<>();
    database.funnel().handle(phone, message.profileName().orElse(null), input, (connection, reply) -> {
      plan.clear();
      reply.messages().forEach(m -> plan.add(m.toJson()));
      reply.aiText().ifPresent(text -> plan.add(AI + text));
      Inbox.plan(connection, row.seq(), plan);
    });
    return new Inbox.Row(row.seq(), row.wamid(), row.phone(), row.profileName(), row.type(), row.raw(), "planned",
        List.copyOf(plan), 0, row.attempts());
  }

  /** Sends the planned replies from where the last run stopped. */
  private boolean send(Inbox.Row row) throws SQLException, InterruptedException {
    List<String> plan = new ArrayList<>(row.plan());
    int sent = row.sent();
    while (sent < plan.size()) {
      String item = plan.get(sent);
      if (item.startsWith(AI) || item.startsWith(VOICE)) {
        List<String> resolved = item.startsWith(AI) ? askAi(row, item.substring(AI.length())) : voice(row, item.substring(VOICE.length()));
        plan.remove(sent);
        plan.addAll(sent, resolved);
        inbox.plan(row.seq(), plan, sent);
        continue;
      }
      String type = typeOf(item);
      if (!type.equals("template") && inbox.windowClosed(row.phone())) {
        LOG.log(Level.WARNING, "Not sending a {0} to {1}: outside the 24-hour window (Meta reported 131047)", type, row.phone());
        inbox.finish(row.seq(), "failed", "outside the 24-hour window: only templates may be sent");
        return true;
      }
      try {
        GraphClient.Accepted accepted = graph.send(row.phone(), item);
        sent++;
        inbox.sent(row.seq(), sent, accepted.messageId() == null ? "unknown-" + row.seq() + "-" + sent : accepted.messageId(),
            row.phone(), type, row.wamid());
      } catch (GraphApiException e) {
        if (e.tokenInvalid()) {
          inbox.postpone(row.seq(), Instant.now().plusSeconds(60), e.describe());
          return false;
        }
        if (e.retryable()) {
          Instant next = Instant.now().plusSeconds(Math.min(300, 15L << Math.min(row.attempts(), 4)));
          inbox.postpone(row.seq(), next, e.describe());
          LOG.log(Level.WARNING, "Reply to {0} postponed until {1}: {2}", row.wamid(), next, e.describe());
          scheduler.schedule(() -> submit(row.phone()), java.time.Duration.between(Instant.now(), next).toMillis(),
              TimeUnit.MILLISECONDS);
          return false;
        }
        LOG.log(Level.ERROR, "Reply to {0} refused, not retried: {1}", row.wamid(), e.describe());
        inbox.finish(row.seq(), "failed", e.describe());
        return true;
      }
    }
    inbox.finish(row.seq(), "done", null);
    return true;
  }

  /** Free text for the AI: within the rate limit, the answer (and a voice note); else a notice and the menu. */
  private List<String> askAi(Inbox.Row row, String text) throws SQLException {
    PhoneNumber phone = PhoneNumber.parse(row.phone());
    String menu = database.funnel().menu(phone).toJson();
    Assistant.Answer answer = assistant.ask(row.phone(), text);
    List<String> out = new ArrayList<>();
    if (answer instanceof Assistant.Replied replied) {
      for (String part : TextSplitter.split(replied.text())) {
        out.add(new TextMessage(part, false).to(phone).toJson());
      }
      if (configuration.settings().ttsEnabled()) {
        out.add(VOICE + replied.text());
      }
      return out;
    }
    if (answer instanceof Assistant.Limited limited) {
      if (limited.firstNotice()) {
        String when = DateTimeFormatter.ofPattern("dd.MM HH:mm").withZone(ZoneOffset.UTC).format(limited.nextAt());
        out.add(new TextMessage(MessageFormat.format(notices.getString("rate_limited"), when), false).to(phone).toJson());
      }
      out.add(menu);
      return out;
    }
    String notice = answer instanceof Assistant.NoAi ? notices.getString("manager") : notices.getString("ai_unavailable");
    out.add(new TextMessage(notice, false).to(phone).toJson());
    out.add(menu);
    return out;
  }

  /** A voice note for an AI answer; nothing when TTS fails (the text already went). */
  private List<String> voice(Inbox.Row row, String text) {
    try {
      var audio = assistant.speak(text);
      if (audio.isEmpty()) {
        return List.of();
      }
      String mediaId = graph.upload(audio.get(), "audio/ogg", "reply.ogg");
      return List.of(AudioMessage.ofMediaId(mediaId, true).to(PhoneNumber.parse(row.phone())).toJson());
    } catch (GraphApiException | RuntimeException e) {
      LOG.log(Level.WARNING, "Voice note for {0} skipped: {1}", row.wamid(), e.getMessage());
      return List.of();
    }
  }

  private InboundMessage reparse(Inbox.Row row) {
    String envelope = Json.createObjectBuilder()
        .add("object", "whatsapp_business_account")
        .add("entry", Json.createArrayBuilder().add(Json.createObjectBuilder()
            .add("id", "0")
            .add("changes", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("field", "messages")
                .add("value", Json.createObjectBuilder()
                    .add("messaging_product", "whatsapp")
                    .add("metadata", Json.createObjectBuilder()
                        .add("display_phone_number", "0").add("phone_number_id", configuration.settings().phoneNumberId()))
                    .add("contacts", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("profile", Json.createObjectBuilder().add("name", row.profileName() == null ? "" : row.profileName()))
                        .add("wa_id", row.phone())))
                    .add("messages", Json.createArrayBuilder().add(
                        Json.createReader(new java.io.StringReader(row.raw())).readObject())))))))
        .build().toString();
    try {
      return WebhookParser.parse(envelope).messages().get(0);
    } catch (InvalidWebhookException e) {
      throw new IllegalStateException("stored message " + row.wamid() + " no longer parses: " + e.getMessage(), e);
    }
  }

  private static String typeOf(String requestJson) {
    try (var reader = Json.createReader(new java.io.StringReader(requestJson))) {
      return reader.readObject().getString("type", "text");
    }
  }

}
