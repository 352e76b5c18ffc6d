package dev.wabots.speech.boundary;

import dev.wabots.instances.entity.WhatsAppInstance;
import dev.wabots.llm.control.RestClients;
import dev.wabots.llm.entity.LlmProvider;
import dev.wabots.llm.entity.ProviderType;
import dev.wabots.platform.Invalid;
import dev.wabots.platform.NotFound;
import dev.wabots.security.BotCallers;
import dev.wabots.security.Caller;
import dev.wabots.security.Callers;
import dev.wabots.speech.control.AudioTool;
import dev.wabots.speech.control.OpenAiTranscriber;
import dev.wabots.speech.control.SpeechError;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Customers' voice notes as text, for the bot that received them, with its settings (engine,
 * language, longest note). Engines: {@code openai-compatible} (OpenAI's transcription API, the
 * server at {@code wabots.stt.openai.base-url}); {@code gemini} (Gemini's audio input with the
 * fleet's Gemini settings {@code wabots.llm.gemini.*}, model {@code wabots.stt.gemini.model} if
 * set); {@code cloud:{provider}} (a stored LLM provider: OpenAI-compatible through its transcription
 * API with its key and model, Gemini through audio input; its address checked like its chat calls).
 * At most {@code wabots.stt.concurrency} transcriptions run at once.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Transcriptions {

  private static final Logger LOG = System.getLogger(Transcriptions.class.getName());
  static final String OPENAI = "openai-compatible";
  static final String GEMINI = "gemini";
  static final String CLOUD = "cloud:";
  /** Meta's limit for audio. */
  public static final long MAX_BYTES = 16L * 1024 * 1024;

  @PersistenceContext EntityManager em;

  @Inject BotCallers bots;

  @Inject Callers callers;

  @Inject RestClients clients;

  @Inject dev.wabots.llm.control.LlmSettings llm;

  @Inject dev.wabots.llm.control.ProviderKeys keys;

  /** Where the host names of addresses non-admins chose are resolved (their providers reach public ones only). */
  dev.wabots.llm.control.PublicAddresses addresses = dev.wabots.llm.control.PublicAddresses.DNS;

  /** The Gemini model for speech to text; empty: the fleet's Gemini chat model. */
  @Inject
  @ConfigProperty(name = "wabots.stt.gemini.model")
  Optional<String> geminiModel;

  @Inject
  @ConfigProperty(name = "wabots.stt.openai.base-url")
  Optional<String> openAiUrl;

  @Inject
  @ConfigProperty(name = "wabots.stt.openai.model", defaultValue = "whisper-1")
  String openAiModel;

  @Inject
  @ConfigProperty(name = "wabots.stt.openai.api-key")
  Optional<String> openAiKey;

  /** Empty: send the audio as received (OGG/Opus); {@code wav}, {@code mp3}, {@code flac}: convert first. */
  @Inject
  @ConfigProperty(name = "wabots.stt.openai.format")
  Optional<String> openAiFormat;

  @Inject
  @ConfigProperty(name = "wabots.tts.ffmpeg.binary", defaultValue = "ffmpeg")
  String ffmpegBinary;

  @Inject
  @ConfigProperty(name = "wabots.stt.ffprobe.binary", defaultValue = "ffprobe")
  String ffprobeBinary;

  @Inject
  @ConfigProperty(name = "wabots.stt.timeout-ms", defaultValue = "60000")
  long timeoutMs;

  @Inject
  @ConfigProperty(name = "wabots.stt.concurrency", defaultValue = "2")
  int concurrency;

  private AudioTool audio;
  private OpenAiTranscriber openAi;
  private dev.wabots.speech.control.GeminiTranscriber gemini;
  private Duration readTimeout;
  private Semaphore slots;

  @PostConstruct
  void start() {
    Duration timeout = Duration.ofMillis(Math.max(1000, timeoutMs));
    audio = new AudioTool(ffmpegBinary, ffprobeBinary, Duration.ofSeconds(30));
    openAi = new OpenAiTranscriber(openAiUrl, openAiModel, openAiKey, openAiFormat.orElse("").strip(), clients,
        Duration.ofSeconds(3), timeout, audio);
    gemini = new dev.wabots.speech.control.GeminiTranscriber(clients, Duration.ofSeconds(3), timeout, audio);
    readTimeout = timeout;
    slots = new Semaphore(Math.max(1, concurrency), true);
    openAi.problem().ifPresentOrElse(
        p -> LOG.log(Level.INFO, "STT engine openai-compatible unavailable: {0}. Voice notes get the polite answer.", p),
        () -> LOG.log(Level.INFO, "STT engine openai-compatible available: {0}", openAi.detail()));
  }

  /** A transcript and how long the note was (seconds; -1 when not measured). */
  public record Transcript(String text, double seconds) {}

  /**
   * The text of a customer's voice note for the calling bot.
   *
   * @throws Invalid no audio, or not audio (400)
   * @throws SpeechFailure speech to text off (409), the note too long (422), the engine unavailable
   *     (503) or failing on it (502)
   */
  public Transcript transcribe(byte[] data, String mimeType) {
    String instanceId = bots.callingBot();
    WhatsAppInstance bot = em.find(WhatsAppInstance.class, instanceId);
    if (bot == null) {
      throw new NotFound("instance", instanceId);
    }
    if (data == null || data.length == 0) {
      throw Invalid.of("body", "the voice note's bytes are required");
    }
    if (data.length > MAX_BYTES) {
      throw Invalid.of("body", "a voice note is at most " + MAX_BYTES + " bytes");
    }
    if (mimeType == null || !mimeType.toLowerCase(java.util.Locale.ROOT).startsWith("audio/")) {
      throw Invalid.of("Content-Type", "must be the voice note's audio type, e.g. audio/ogg");
    }
    if (!bot.sttEnabled()) {
      throw SpeechFailure.sttOff("speech to text is off for bot " + bot.id());
    }
    Engine engine = engine(bot.sttEngine());
    OptionalDouble seconds = audio.seconds(data, AudioTool.extension(mimeType));
    if (seconds.isPresent() && seconds.getAsDouble() > bot.sttMaxSeconds() + 0.5) {
      throw SpeechFailure.tooLong("the voice note lasts " + Math.round(seconds.getAsDouble()) + " s, longer than "
          + bot.sttMaxSeconds() + " s (stt_max_seconds)");
    }
    boolean acquired;
    try {
      acquired = slots.tryAcquire(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SpeechFailure.sttUnavailable("interrupted while waiting for a free transcription slot");
    }
    if (!acquired) {
      throw SpeechFailure.sttUnavailable("every transcription slot stayed busy for 30 s");
    }
    try {
      String text = engine.transcribe(data, mimeType, bot.sttLanguageOrDefault());
      return new Transcript(text, seconds.orElse(-1));
    } catch (SpeechError e) {
      LOG.log(Level.WARNING, "Transcription for bot {0} failed: {1}", instanceId, e.getMessage());
      throw e.unavailable() ? SpeechFailure.sttUnavailable(e.getMessage()) : SpeechFailure.sttFailed(e.getMessage());
    } finally {
      slots.release();
    }
  }

  /** One way of turning a voice note into text. */
  @FunctionalInterface
  interface Engine {
    String transcribe(byte[] data, String mimeType, String language);
  }

  /**
   * The bot's engine, ready to call.
   *
   * @throws SpeechFailure (503) when it cannot be used: not configured, no key, a provider gone,
   *     disabled, of a kind without audio input, or at an address it may not reach
   */
  private Engine engine(String name) {
    if (name.equals(OPENAI)) {
      openAi.problem().ifPresent(p -> {
        throw SpeechFailure.sttUnavailable("STT engine openai-compatible unavailable: " + p);
      });
      return openAi::transcribe;
    }
    if (name.equals(GEMINI)) {
      dev.wabots.llm.control.Target t = llm.gemini();
      geminiProblem(t).ifPresent(p -> {
        throw SpeechFailure.sttUnavailable("STT engine gemini unavailable: " + p);
      });
      String model = geminiModel.map(String::strip).filter(m -> !m.isEmpty()).orElse(t.model());
      return (data, type, language) -> gemini.transcribe(t.baseUrl(), model, t.apiKey(), data, type, language);
    }
    if (name.startsWith(CLOUD)) {
      return stored(name.substring(CLOUD.length()));
    }
    throw SpeechFailure.sttUnavailable("STT engine " + name + " is not known");
  }

  private static Optional<String> geminiProblem(dev.wabots.llm.control.Target t) {
    if (!t.hasKey()) {
      return Optional.of("no Gemini API key (wabots.llm.gemini.api-key)");
    }
    if (t.model() == null || t.model().isBlank()) {
      return Optional.of("no Gemini model (wabots.llm.gemini.model)");
    }
    return Optional.empty();
  }

  /** A stored provider as an engine: its protocol's audio input, its key, its model. */
  private Engine stored(String id) {
    LlmProvider p = em.find(LlmProvider.class, id);
    if (p == null || !p.enabled()) {
      throw SpeechFailure.sttUnavailable("STT engine cloud:" + id + ": no enabled stored provider with that id");
    }
    String key;
    try {
      key = p.storedKey() == null ? null : keys.open(p.id(), p.storedKey());
    } catch (RuntimeException e) {
      throw SpeechFailure.sttUnavailable("STT engine cloud:" + id + ": its API key does not decrypt with this orchestrator's key");
    }
    if (p.publicOnly()) {
      addresses.problem(p.baseUrl()).ifPresent(why -> {
        throw SpeechFailure.sttUnavailable("STT engine cloud:" + id + ": " + why);
      });
    }
    String base = dev.wabots.llm.control.BaseUrls.normalise(p.type(), p.baseUrl());
    switch (p.type()) {
      case OPENAI_COMPATIBLE -> {
        String model = p.model() == null || p.model().isBlank() ? openAiModel : p.model();
        OpenAiTranscriber t = new OpenAiTranscriber(Optional.of(base), model, Optional.ofNullable(key),
            openAiFormat.orElse("").strip(), clients, Duration.ofSeconds(3), readTimeout, audio);
        t.problem().ifPresent(why -> {
          throw SpeechFailure.sttUnavailable("STT engine cloud:" + id + ": " + why);
        });
        return t::transcribe;
      }
      case GEMINI -> {
        if (key == null || p.model() == null || p.model().isBlank()) {
          throw SpeechFailure.sttUnavailable("STT engine cloud:" + id + ": a Gemini provider needs its key and model");
        }
        return (data, type, language) -> gemini.transcribe(base, p.model(), key, data, type, language);
      }
      default -> throw SpeechFailure.sttUnavailable("STT engine cloud:" + id + ": " + p.type().id()
          + " providers take no audio; use an OpenAI-compatible or Gemini provider");
    }
  }

  /**
   * The stored providers the person may use as {@code cloud:{id}} engines (admins: all; others:
   * their own), each checked as a transcription would check it — enabled, key readable, address
   * allowed, model set — without calling it. None: one {@code cloud} row saying so.
   */
  private List<TtsStatus.Engine> storedEngines(Caller caller) {
    List<LlmProvider> visible = caller.role().seesEveryBot()
        ? em.createNamedQuery(LlmProvider.ALL, LlmProvider.class).getResultList()
        : em.createNamedQuery(LlmProvider.BY_OWNER, LlmProvider.class)
            .setParameter("owner", caller.userId()).getResultList();
    List<TtsStatus.Engine> engines = new ArrayList<>();
    for (LlmProvider p : visible) {
      if (p.type() != ProviderType.OPENAI_COMPATIBLE && p.type() != ProviderType.GEMINI) {
        continue; // takes no audio
      }
      String engine = "cloud:" + p.id();
      String detail = p.name() + " (" + p.type().id() + (p.model() == null || p.model().isBlank() ? "" : ", " + p.model())
          + ")";
      try {
        stored(p.id());
        engines.add(new TtsStatus.Engine(engine, true, null, detail));
      } catch (SpeechFailure e) {
        String why = e.getMessage().startsWith("STT engine " + engine + ": ")
            ? e.getMessage().substring(("STT engine " + engine + ": ").length()) : e.getMessage();
        engines.add(new TtsStatus.Engine(engine, false, why, detail));
      }
    }
    if (engines.isEmpty()) {
      engines.add(new TtsStatus.Engine("cloud", false,
          "no stored OpenAI-compatible or Gemini provider (add one on the LLM providers page)", null));
    }
    return engines;
  }

  /** Each engine's state, for the panel and the API; any signed-in person. */
  public SttStatus status() {
    Caller caller = callers.current();
    List<TtsStatus.Engine> engines = new ArrayList<>();
    Optional<String> p = openAi.problem();
    engines.add(new TtsStatus.Engine(OPENAI, p.isEmpty(), p.orElse(null), openAi.detail()));
    dev.wabots.llm.control.Target g = llm.gemini();
    Optional<String> gp = geminiProblem(g);
    engines.add(new TtsStatus.Engine(GEMINI, gp.isEmpty(), gp.orElse(null), gp.isPresent() ? null
        : g.baseUrl() + " model " + geminiModel.map(String::strip).filter(m -> !m.isEmpty()).orElse(g.model())));
    engines.addAll(storedEngines(caller));
    Optional<String> tool = audio.problem();
    return new SttStatus(engines, new TtsStatus.Tool("ffmpeg", tool.isEmpty(), tool.orElse(null), audio.detail()),
        MAX_BYTES);
  }
}
