package dev.wabots.bot.config;

import dev.wabots.bot.http.JsonHttp;
import dev.wabots.util.Lazy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * The orchestrator's internal API as this bot calls it, with the bot's own token: its configuration
 * and funnel, the AI, voice notes both ways, conversation events and counters, over the JDK's
 * HTTP client ({@link JsonHttp}: pooled keep-alive connections, one selector thread per client).
 * The AI's questions keep a client of their own, as before this class (processing-load.sh, one
 * client for all calls: 121 and 148 answers/s during the load; two: 149 and 169/s; not separable on
 * a noisy machine, so the hot path stays as it was); the other calls share the second. Answers are
 * returned whatever their status; an
 * {@link IOException} means there was none (the orchestrator is down, restarting, or did not
 * answer in time).
 */
@ApplicationScoped
public class Orchestrator {

  /** Loopback: a refused or dropped connection shows at once. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  /** Configuration, funnel, counters: the orchestrator answers from its own memory and database. */
  static final Duration QUICK = Duration.ofSeconds(30);
  /**
   * The AI, speech and transcription: an AI answer may take two LLM calls (backend and fallback)
   * of up to 60 s each, inside the orchestrator's own 120 s budget; the margin covers the transfer.
   */
  public static final Duration SLOW = Duration.ofSeconds(130);

  private final String base;

  /**
   * Each made at its first call, not by the constructor: CDI's client proxy of this bean is built
   * with the same constructor and never calls a method of its own, so clients made there were two
   * idle {@code HttpClient}s (two selector threads) in every bot that nothing ever used. The AI
   * questions' client waits for the first question: a bot without AI traffic never needs it.
   */
  private final Lazy<JsonHttp> http = new Lazy<>(() -> new JsonHttp(CONNECT_TIMEOUT));
  private final Lazy<JsonHttp> questions = new Lazy<>(() -> new JsonHttp(CONNECT_TIMEOUT));

  /** The orchestrator the supervisor named ({@code ORCHESTRATOR_URL}). */
  public Orchestrator() {
    this(null);
  }

  /** @param base the orchestrator's address, or null for {@code ORCHESTRATOR_URL} (read at each call) */
  public Orchestrator(String base) {
    this.base = base;
  }

  /** {@code GET /internal/config}: this bot's configuration, secrets included. */
  public JsonHttp.Answer config() throws IOException, InterruptedException {
    return http().get(uri("/internal/config"), Identity.bearer(), QUICK);
  }

  /** {@code GET /internal/funnel}: this bot's own funnel definition (200 JSON), or 204 for the default of its language. */
  public JsonHttp.Answer funnel() throws IOException, InterruptedException {
    return http().get(uri("/internal/funnel"), Identity.bearer(), QUICK);
  }

  /** {@code POST /internal/chat}: the orchestrator adds the system prompt and routes to the bot's AI backend. */
  public JsonHttp.Answer chat(String json) throws IOException, InterruptedException {
    return questions().post(uri("/internal/chat"), Identity.bearer(), json, SLOW);
  }

  /** {@code POST /internal/events}: the next batch of conversation events ({@code EventBatch} → {@code EventAck}). */
  public JsonHttp.Answer events(String json, Duration timeout) throws IOException, InterruptedException {
    return http().post(uri("/internal/events"), Identity.bearer(), json, timeout);
  }

  /** {@code POST /internal/metrics}: the bot's counters ({@code BotMetrics}). */
  public JsonHttp.Answer metrics(String json) throws IOException, InterruptedException {
    return http().post(uri("/internal/metrics"), Identity.bearer(), json, QUICK);
  }

  /**
   * {@code POST /internal/speech}: a voice note (OGG/Opus mono) for a {@code SpeechRequest}, with
   * the bot's TTS settings; an error comes as JSON.
   */
  public JsonHttp.Bytes speech(String json) throws IOException, InterruptedException {
    return http().post(uri("/internal/speech"), Identity.bearer(), "application/json",
        json.getBytes(java.nio.charset.StandardCharsets.UTF_8), SLOW, "Accept", "audio/ogg, application/json");
  }

  /**
   * {@code POST /internal/transcription}: a customer's voice note as text, with the bot's
   * speech-to-text settings; answers {@code {"text":"…","seconds":…}}.
   */
  public JsonHttp.Answer transcription(String audioType, byte[] audio) throws IOException, InterruptedException {
    JsonHttp.Bytes b = http().post(uri("/internal/transcription"), Identity.bearer(), "application/octet-stream", audio,
        SLOW, "Accept", "application/json", "X-Audio-Type", audioType);
    return new JsonHttp.Answer(b.status(), b.text());
  }

  private JsonHttp http() {
    return http.get();
  }

  private JsonHttp questions() {
    return questions.get();
  }

  /** Whether a call has made the orchestrator calls' HTTP client yet. */
  boolean connected() {
    return http.made();
  }

  /** Whether an AI question has made its HTTP client yet. */
  boolean asked() {
    return questions.made();
  }

  private URI uri(String path) {
    return JsonHttp.resolve(base != null ? base : System.getenv("ORCHESTRATOR_URL"), path);
  }
}
