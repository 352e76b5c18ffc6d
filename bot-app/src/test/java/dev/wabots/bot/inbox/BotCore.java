package dev.wabots.bot.inbox;

import dev.wabots.bot.ai.Assistant;
import dev.wabots.bot.config.Configuration;
import dev.wabots.bot.events.Outbox;
import dev.wabots.bot.handoff.Conversation;
import dev.wabots.bot.handoff.Handoffs;
import dev.wabots.bot.graph.GraphApiException;
import dev.wabots.bot.graph.GraphClient;
import dev.wabots.bot.requirements.Drafting;
import dev.wabots.bot.store.BotDatabase;
import dev.wabots.contract.BotConfiguration;
import dev.wabots.contract.HandoffRules;
import dev.wabots.funnel.FunnelDefinition;
import dev.wabots.whatsapp.InboundMessage;
import dev.wabots.whatsapp.InvalidWebhookException;
import dev.wabots.whatsapp.WebhookBatch;
import dev.wabots.whatsapp.WebhookParser;
import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The bot's core without a container: the real database, inbox, planner, sender and processor,
 * with a fake Graph API and a fake AI, for unit tests of the pipeline.
 */
final class BotCore implements AutoCloseable {

  static final String NUMBER_ID = "100200300";

  final Configuration configuration = new Configuration();
  final BotDatabase database = new BotDatabase(configuration, null);
  final Inbox inbox = new Inbox();
  final Outbox outbox = new Outbox(database);
  /** The bot's time for hand-offs: starts now, moved on by tests of the automatic hand-back. */
  final TestClock clock = new TestClock(java.time.Instant.now());
  final Handoffs handoffs = new Handoffs(database, outbox, clock);
  final Conversation conversation;
  final FakeGraph graph = new FakeGraph();
  final FakeAssistant assistant = new FakeAssistant(configuration, database);
  final Notices notices = new Notices();
  final Drafting drafting = new Drafting(database, assistant, graph, outbox, handoffs, notices);
  final Planner planner = new Planner();
  final Sender sender = new Sender();
  final dev.wabots.bot.metrics.Counters counters = new dev.wabots.bot.metrics.Counters();
  final Processor processor = new Processor();
  final MediaIntake intake = new MediaIntake();
  final ThreadPoolExecutor lanes = new ThreadPoolExecutor(4, 4, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
  final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1);
  private final AtomicInteger wamids = new AtomicInteger();

  BotCore(Path dir) {
    this(dir, config(List.of(), List.of()));
  }

  BotCore(Path dir, BotConfiguration settings) {
    configuration.use(settings);
    database.openAt(dir.resolve("wa_sales_" + settings.id() + ".db"));
    database.useDefinition(FunnelDefinition.load("ru"));
    inbox.database = database;
    inbox.outbox = outbox;
    notices.configuration = configuration;
    planner.configuration = configuration;
    planner.database = database;
    planner.inbox = inbox;
    planner.graph = graph;
    planner.assistant = assistant;
    planner.notices = notices;
    planner.handoffs = handoffs;
    planner.outbox = outbox;
    sender.configuration = configuration;
    sender.database = database;
    sender.inbox = inbox;
    sender.graph = graph;
    sender.counters = counters;
    sender.assistant = assistant;
    sender.notices = notices;
    sender.outbox = outbox;
    sender.handoffs = handoffs;
    sender.drafting = drafting;
    sender.policy = new RetryPolicy(bound -> 0, Duration.ofMillis(300));
    intake.database = database;
    intake.graph = graph;
    intake.inbox = inbox;
    intake.assistant = assistant;
    intake.outbox = outbox;
    intake.cap = 16L << 20;
    intake.policy = new RetryPolicy(bound -> 0, Duration.ofMillis(300));
    planner.intake = intake;
    processor.intake = intake;
    processor.database = database;
    processor.inbox = inbox;
    processor.planner = planner;
    processor.sender = sender;
    processor.graph = graph;
    processor.outbox = outbox;
    conversation = new Conversation(database, handoffs, inbox, outbox, processor, notices, configuration, clock);
  }

  /** Settings of the test bot with some things changed. */
  record Settings(boolean aiSeesImages, boolean sttEcho, HandoffRules handoff) {
    Settings aiSeesImages(boolean on) {
      return new Settings(on, sttEcho, handoff);
    }

    Settings sttEcho(boolean on) {
      return new Settings(aiSeesImages, on, handoff);
    }

    Settings handoff(HandoffRules rules) {
      return new Settings(aiSeesImages, sttEcho, rules);
    }

    BotConfiguration build() {
      BotConfiguration c = config(List.of(), List.of());
      return new BotConfiguration(c.id(), c.name(), c.enabled(), c.mode(), c.phoneNumberId(), c.wabaId(), c.accessToken(),
          c.verifyToken(), c.appSecret(), c.webhookPort(), c.graphApiVersion(), c.graphApiBase(), c.orchestratorUrl(),
          c.llmBackend(), c.systemPrompt(), c.llmParams(), c.llmFallback(), c.language(), c.ttsEnabled(), c.ttsEngine(),
          c.ttsVoice(), c.ttsPreset(), c.allowedPhones(), c.blockedPhones(), c.rateLimitCount(), c.rateLimitHours(),
          c.sttEnabled(), aiSeesImages, c.mediaHandoff(), sttEcho, handoff, c.messageRetentionDays());
    }
  }

  static Settings settings() {
    return new Settings(false, false, HandoffRules.DEFAULTS);
  }

  static BotConfiguration config(List<String> allowed, List<String> blocked) {
    return new BotConfiguration("core-bot", "Core bot", true, "sandbox", NUMBER_ID, "555", "token", "verify", "secret",
        8003, "v23.0", "http://127.0.0.1:1/sandbox/graph", "http://127.0.0.1:1", "vllm", "prompt", null, null, "ru",
        false, null, null, null, allowed, blocked, 5, 5, true, false, true, false, HandoffRules.DEFAULTS, null);
  }

  void start() {
    processor.start(lanes, timers);
  }

  /** Takes the messages as one webhook and kicks their customers' lanes. */
  Inbox.Taken deliver(InboundMessage... messages) {
    Inbox.Taken taken = take(messages);
    Set<String> phones = new LinkedHashSet<>();
    taken.newMessages().forEach(m -> phones.add(m.from().digits()));
    processor.kick(phones);
    return taken;
  }

  /** Takes the messages as one webhook, without processing them. */
  Inbox.Taken take(InboundMessage... messages) {
    return inbox.accept(batch(messages), NUMBER_ID);
  }

  InboundMessage text(String phone, String text) {
    return message(phone, "{\"type\":\"text\",\"text\":{\"body\":" + quote(text) + "}}");
  }

  InboundMessage tap(String phone, String replyId) {
    return message(phone, "{\"type\":\"interactive\",\"interactive\":{\"type\":\"button_reply\","
        + "\"button_reply\":{\"id\":" + quote(replyId) + ",\"title\":\"x\"}}}");
  }

  /** A file of {@code kind} ({@code audio} with voice, {@code image}, {@code document} …) already uploaded to the fake Graph. */
  InboundMessage media(String phone, String kind, String mediaId, String mime, String filename, String caption) {
    String extra = (filename == null ? "" : ",\"filename\":" + quote(filename))
        + (caption == null ? "" : ",\"caption\":" + quote(caption))
        + (kind.equals("audio") ? ",\"voice\":true" : "");
    return message(phone, "{\"type\":\"" + kind + "\",\"" + kind + "\":{\"id\":\"" + mediaId + "\",\"mime_type\":"
        + quote(mime) + extra + "}}");
  }

  InboundMessage reaction(String phone) {
    return message(phone, "{\"type\":\"reaction\",\"reaction\":{\"message_id\":\"wamid.x\",\"emoji\":\"👍\"}}");
  }

  private InboundMessage message(String phone, String fields) {
    String id = "wamid.in." + wamids.incrementAndGet();
    String json = "{\"from\":\"" + phone + "\",\"id\":\"" + id + "\",\"timestamp\":\"1750000000\","
        + fields.substring(1);
    try {
      return WebhookParser.message(json, new dev.wabots.whatsapp.BusinessPhone(NUMBER_ID, "15550001111"), "Анна");
    } catch (InvalidWebhookException e) {
      throw new AssertionError(e);
    }
  }

  static WebhookBatch batch(InboundMessage... messages) {
    StringBuilder items = new StringBuilder();
    for (InboundMessage m : messages) {
      items.append(items.length() == 0 ? "" : ",").append(m.rawJson());
    }
    String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"W\",\"changes\":[{\"field\":\"messages\","
        + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550001111\","
        + "\"phone_number_id\":\"" + NUMBER_ID + "\"},\"contacts\":[{\"profile\":{\"name\":\"Анна\"},\"wa_id\":\""
        + (messages.length == 0 ? "0" : messages[0].from().digits()) + "\"}],\"messages\":[" + items + "]}}]}]}";
    try {
      return WebhookParser.parse(body);
    } catch (InvalidWebhookException e) {
      throw new AssertionError(e);
    }
  }

  static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** Waits for a condition (at most {@code limit}). */
  static void await(BooleanSupplier condition, Duration limit, String what) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  @Override
  public void close() {
    processor.stop();
    lanes.shutdownNow();
    timers.shutdownNow();
    try {
      lanes.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    database.close();
  }

  /** A Graph API that accepts everything, except the failures it is given, in order. */
  static final class FakeGraph extends GraphClient {
    record Sent(String phone, String request) {}

    final List<Sent> sent = new ArrayList<>();
    final List<String> read = new ArrayList<>();
    final Deque<GraphApiException> failures = new ArrayDeque<>();
    /** Thrown by the next sends before anything else: what the pass did not expect (a busy database). */
    final Deque<RuntimeException> crashes = new java.util.concurrent.ConcurrentLinkedDeque<>();
    final Deque<GraphApiException> mediaFailures = new ArrayDeque<>();
    final java.util.Map<String, byte[]> files = new java.util.concurrent.ConcurrentHashMap<>();
    final java.util.Map<String, String> types = new java.util.concurrent.ConcurrentHashMap<>();
    final java.util.concurrent.atomic.AtomicInteger downloads = new java.util.concurrent.atomic.AtomicInteger();

    void file(String mediaId, String mime, byte[] data) {
      files.put(mediaId, data);
      types.put(mediaId, mime);
    }

    @Override
    public MediaInfo mediaInfo(String mediaId) throws GraphApiException {
      GraphApiException failure = mediaFailures.poll();
      if (failure != null) {
        throw failure;
      }
      byte[] data = files.get(mediaId);
      if (data == null) {
        throw new GraphApiException(400, 100, 33, "Unsupported get request", null, null);
      }
      return new MediaInfo("http://fake/" + mediaId, types.get(mediaId), data.length);
    }

    @Override
    public Optional<byte[]> download(String url, long maxBytes) throws GraphApiException {
      GraphApiException failure = mediaFailures.poll();
      if (failure != null) {
        throw failure;
      }
      downloads.incrementAndGet();
      byte[] data = files.get(url.substring("http://fake/".length()));
      return data.length > maxBytes ? Optional.empty() : Optional.of(data);
    }
    volatile int calls;
    private volatile String tokenProblem;

    @Override
    public Accepted send(String phone, String requestJson) throws GraphApiException {
      synchronized (this) {
        calls++;
        RuntimeException crash = crashes.poll();
        if (crash != null) {
          throw crash;
        }
        GraphApiException failure = failures.poll();
        if (failure != null) {
          if (failure.tokenInvalid()) {
            tokenProblem = failure.describe();
          }
          throw failure;
        }
        tokenProblem = null;
        sent.add(new Sent(phone, requestJson));
        return new Accepted("wamid.out." + sent.size(), JsonValue.EMPTY_JSON_OBJECT);
      }
    }

    @Override
    public synchronized void markRead(String messageId, boolean typing) {
      read.add(messageId);
    }

    record Upload(byte[] data, String mimeType, String fileName) {}

    final List<Upload> uploads = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public String upload(byte[] data, String mimeType, String fileName) {
      uploads.add(new Upload(data, mimeType, fileName));
      return "media." + uploads.size();
    }

    @Override
    public String tokenProblem() {
      return tokenProblem;
    }

    synchronized List<Sent> to(String phone) {
      return sent.stream().filter(s -> s.phone().equals(phone)).toList();
    }

    synchronized List<Sent> all() {
      return List.copyOf(sent);
    }

    /** The text bodies sent to {@code phone}, in order. */
    synchronized List<String> texts(String phone) {
      return to(phone).stream().filter(s -> s.request().contains("\"type\":\"text\""))
          .map(s -> s.request().replaceAll(".*\"body\":\"([^\"]*)\".*", "$1")).toList();
    }

    static GraphApiException error(int status, int code) {
      return new GraphApiException(status, code, null, "fake refusal " + code, null, null);
    }
  }

  /**
   * An AI that answers "answer: <question>", or fails while {@code down}; hears {@code heard} in
   * voice notes; a requirements document is {@code document} (after {@code gate} opens, when one is set).
   */
  static final class FakeAssistant extends Assistant {
    volatile boolean down;
    volatile String heard;
    final List<byte[]> transcribed = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public Transcript transcribe(byte[] audio, String mimeType) {
      transcribed.add(audio);
      return heard == null ? new NotHeard("engine down") : new Heard(heard);
    }
    final List<String> questions = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<String> drafts = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile String document = "answer";
    volatile java.util.concurrent.CountDownLatch gate;

    FakeAssistant(Configuration configuration, BotDatabase database) {
      super(configuration, database, null, 20);
    }

    final List<dev.wabots.contract.ChatImage> images = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public Answer ask(String phone, String text, dev.wabots.contract.ChatImage image) {
      if (image != null) {
        images.add(image);
      }
      return ask(phone, text);
    }

    @Override
    public Answer ask(String phone, String text) {
      questions.add(text);
      return down ? new Failed("HTTP 502 upstream down") : new Replied("answer: " + text);
    }

    @Override
    public Answer draft(String phone, String prompt) {
      drafts.add(prompt);
      java.util.concurrent.CountDownLatch g = gate;
      if (g != null) {
        try {
          g.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return down ? new Failed("HTTP 502 upstream down") : new Replied(document);
    }

    @Override
    public Optional<byte[]> speak(String text) {
      return Optional.of(new byte[] {1, 2, 3});
    }
  }
}
