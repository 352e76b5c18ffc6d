package dev.wabots.speech.boundary;

import dev.wabots.instances.control.InstanceAccess;
import dev.wabots.instances.control.InstanceRules;
import dev.wabots.instances.entity.WhatsAppInstance;
import dev.wabots.llm.control.RestClients;
import dev.wabots.metrics.control.TtsCalls;
import dev.wabots.platform.FieldError;
import dev.wabots.platform.Invalid;
import dev.wabots.platform.Locations;
import dev.wabots.platform.NotFound;
import dev.wabots.security.BotCallers;
import dev.wabots.security.Callers;
import dev.wabots.speech.control.Espeak;
import dev.wabots.speech.control.OpenVoice;
import dev.wabots.speech.control.Piper;
import dev.wabots.speech.control.Preset;
import dev.wabots.speech.control.SpeechError;
import dev.wabots.speech.control.SpokenText;
import dev.wabots.speech.control.Transcoder;
import dev.wabots.speech.control.TtsEngine;
import dev.wabots.speech.control.TtsServer;
import dev.wabots.speech.control.VoiceNote;
import dev.wabots.speech.control.VoiceNotes;
import dev.wabots.speech.control.Voices;
import dev.wabots.speech.control.Xtts;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Voice replies: a bot asks for a voice note of its answer (engine, voice and preset default to
 * its settings) and gets OGG/Opus mono bytes. Engines and ffmpeg are checked at start — what is
 * missing is logged once, answered with 503 and shown by {@link #status()}. At most
 * {@code wabots.tts.concurrency} syntheses run at once (two cores are shared with everything else).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Speech {

  private static final Logger LOG = System.getLogger(Speech.class.getName());
  private static final Pattern VOICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}");
  static final List<String> VOICE_NAMES = List.of("anna", "marina");
  /** What the panel's "Listen" button says, by the bot's language. */
  static final Map<String, String> SAMPLES = Map.of(
      "ru", "Здравствуйте! Так звучит голос вашего бота.",
      "en", "Hello! This is how your bot sounds.");

  @PersistenceContext EntityManager em;

  @Inject BotCallers bots;

  @Inject Callers callers;

  @Inject RestClients clients;

  @Inject Locations locations;

  @Inject TtsCalls calls;

  @Inject
  @ConfigProperty(name = "wabots.tts.espeak.binary", defaultValue = "espeak-ng")
  String espeakBinary;

  @Inject
  @ConfigProperty(name = "wabots.tts.ffmpeg.binary", defaultValue = "ffmpeg")
  String ffmpegBinary;

  @Inject
  @ConfigProperty(name = "wabots.tts.xtts.url")
  Optional<String> xttsUrl;

  @Inject
  @ConfigProperty(name = "wabots.tts.piper.url")
  Optional<String> piperUrl;

  @Inject
  @ConfigProperty(name = "wabots.tts.piper.binary")
  Optional<String> piperBinary;

  @Inject
  @ConfigProperty(name = "wabots.tts.piper.models-dir")
  Optional<String> piperModels;

  @Inject
  @ConfigProperty(name = "wabots.tts.openvoice.url")
  Optional<String> openVoiceUrl;

  @Inject
  @ConfigProperty(name = "wabots.tts.timeout-ms", defaultValue = "60000")
  long timeoutMs;

  @Inject
  @ConfigProperty(name = "wabots.tts.connect-timeout-ms", defaultValue = "3000")
  long connectTimeoutMs;

  @Inject
  @ConfigProperty(name = "wabots.tts.max-chars", defaultValue = "1500")
  int maxChars;

  @Inject
  @ConfigProperty(name = "wabots.tts.bitrate-kbps", defaultValue = "24")
  int bitrateKbps;

  @Inject
  @ConfigProperty(name = "wabots.tts.max-bytes", defaultValue = "524288")
  long maxBytes;

  @Inject
  @ConfigProperty(name = "wabots.tts.concurrency", defaultValue = "2")
  int concurrency;

  private final Map<String, TtsEngine> engines = new LinkedHashMap<>();
  private Transcoder transcoder;
  private VoiceNotes voiceNotes;
  private Voices voices;
  private Semaphore slots;

  @PostConstruct
  void start() {
    Duration timeout = Duration.ofMillis(Math.max(1000, timeoutMs));
    Duration connect = Duration.ofMillis(Math.max(100, connectTimeoutMs));
    var config = ConfigProvider.getConfig();
    java.util.function.Function<String, Optional<String>> lookup = key -> config.getOptionalValue(key, String.class);
    transcoder = new Transcoder(ffmpegBinary, timeout);
    voiceNotes = new VoiceNotes(transcoder, Math.max(6, bitrateKbps), maxBytes);
    voices = new Voices(lookup);
    slots = new Semaphore(Math.max(1, concurrency), true);
    Path models = piperModels.map(Path::of).orElse(locations.data().resolve("piper"));
    engines.put("espeak", new Espeak(espeakBinary, timeout));
    engines.put("piper", new Piper(new TtsServer("piper", "wabots.tts.piper.url", piperUrl, clients, connect, timeout),
        piperBinary, models, timeout));
    engines.put("xtts", new Xtts(new TtsServer("xtts", "wabots.tts.xtts.url", xttsUrl, clients, connect, timeout)));
    engines.put("openvoice", new OpenVoice(
        new TtsServer("openvoice", "wabots.tts.openvoice.url", openVoiceUrl, clients, connect, timeout), lookup));
    Optional<String> ffmpeg = transcoder.problem();
    if (ffmpeg.isPresent()) {
      LOG.log(Level.WARNING, "TTS: ffmpeg unavailable: {0}. Voice replies answer 503 until it is installed.", ffmpeg.get());
    }
    engines.values().forEach(e -> {
      Optional<String> problem = e.problem();
      if (problem.isPresent()) {
        // espeak should always work; a server or binary that is configured but missing is a fault too.
        boolean fault = e.id().equals("espeak") || !problem.get().startsWith("not configured");
        LOG.log(fault ? Level.WARNING : Level.INFO,
            "TTS engine {0} unavailable: {1}. Bots using it get 503.", e.id(), problem.get());
      } else {
        LOG.log(Level.INFO, "TTS engine {0} available: {1}", e.id(), e.detail());
      }
    });
  }

  /**
   * A voice note of {@code text} for the calling bot; {@code null} engine, voice or preset take the
   * bot's settings.
   *
   * @throws Invalid bad text, engine, voice or preset (400)
   * @throws SpeechFailure engine or ffmpeg unavailable (503), or failing on this text (502)
   */
  public VoiceReply speak(String text, String engine, String voice, String preset) {
    String instanceId = bots.callingBot();
    WhatsAppInstance bot = em.find(WhatsAppInstance.class, instanceId);
    if (bot == null) {
      throw new NotFound("instance", instanceId);
    }
    return synthesize(bot, text, engine, voice, preset, true);
  }

  /**
   * A short sample sentence in the bot's language, spoken with the given engine, voice and preset
   * (a form not saved yet; {@code null} takes the bot's settings): the panel's "Listen" button.
   * Anyone who may see the bot; someone else's bot does not exist (404).
   *
   * @throws Invalid bad engine, voice or preset (400)
   * @throws SpeechFailure engine or ffmpeg unavailable (503), or failing (502)
   */
  public VoiceReply sample(String instanceId, String engine, String voice, String preset) {
    WhatsAppInstance bot = InstanceAccess.visible(em, instanceId, callers.current());
    return synthesize(bot, SAMPLES.getOrDefault(bot.language(), SAMPLES.get("en")), engine, voice, preset, false);
  }

  /** {@code forBot}: the bot asked (counted in its metrics), not a person listening in the panel. */
  private VoiceReply synthesize(WhatsAppInstance bot, String text, String engine, String voice, String preset,
      boolean forBot) {
    String engineId = engine != null ? engine.strip() : bot.ttsEngine();
    String voiceName = voice != null ? voice.strip() : bot.ttsVoice();
    String presetName = preset != null ? preset : bot.ttsPreset();
    String spoken = SpokenText.of(text);
    List<FieldError> errors = new ArrayList<>();
    if (text == null || text.isBlank()) {
      errors.add(new FieldError("text", "is required"));
    } else if (spoken.isEmpty()) {
      errors.add(new FieldError("text", "has nothing to say once links, symbols and emoji are left out"));
    } else if (spoken.length() > maxChars) {
      errors.add(new FieldError("text", "must be at most " + maxChars + " characters to speak (about two minutes); "
          + "send longer replies as text"));
    }
    if (!engines.containsKey(engineId)) {
      errors.add(new FieldError("engine", "must be one of " + String.join(", ", InstanceRules.TTS_ENGINES.stream().sorted().toList())));
    }
    if (voiceName == null || !VOICE.matcher(voiceName).matches()) {
      errors.add(new FieldError("voice", "must be a voice id such as 'anna' or 'marina'"));
    }
    Optional<Preset> delivery = Preset.parse(presetName);
    if (delivery.isEmpty()) {
      errors.add(new FieldError("preset", "must be one of bright, calm, fast (or absent)"));
    }
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
    // Bad input is no voice note: only what passed validation is timed and counted.
    long started = System.nanoTime();
    String failure = null;
    try {
      return voiceNote(bot, spoken, engineId, voiceName, delivery.get());
    } catch (SpeechFailure e) {
      failure = e.code().startsWith("tts_") ? e.code().substring("tts_".length()) : e.code();
      throw e;
    } catch (RuntimeException e) {
      failure = "error";
      throw e;
    } finally {
      if (forBot) {
        calls.record(bot.id(), engineId, (System.nanoTime() - started) / 1_000_000, failure);
      }
    }
  }

  private VoiceReply voiceNote(WhatsAppInstance bot, String spoken, String engineId, String voiceName, Preset delivery) {
    String instanceId = bot.id();
    TtsEngine tts = engines.get(engineId);
    transcoder.problem().ifPresent(p -> {
      throw SpeechFailure.unavailable("ffmpeg unavailable: " + p);
    });
    tts.problem().ifPresent(p -> {
      throw SpeechFailure.unavailable("TTS engine " + engineId + " unavailable: " + p);
    });
    String engineVoice = voices.resolve(engineId, voiceName, bot.language());
    boolean acquired;
    try {
      acquired = slots.tryAcquire(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SpeechFailure.busy("interrupted while waiting for a free synthesis slot");
    }
    if (!acquired) {
      throw SpeechFailure.busy("every synthesis slot stayed busy for 30 s; try again");
    }
    try {
      VoiceNote note = voiceNotes.make(tts, spoken, engineVoice, bot.language(), delivery);
      return new VoiceReply(note.audio(), engineId, engineVoice, delivery.id(), note.durationMillis(),
          note.bitrateKbps());
    } catch (SpeechError e) {
      LOG.log(Level.WARNING, "Voice note for bot {0} failed: {1}", instanceId, e.getMessage());
      throw e.unavailable() ? SpeechFailure.unavailable(e.getMessage()) : SpeechFailure.failed(e.getMessage());
    } finally {
      slots.release();
    }
  }

  /** Each engine's state and ffmpeg's, for the panel; any signed-in person. */
  public TtsStatus status() {
    callers.current();
    Optional<String> ffmpeg = transcoder.problem();
    List<TtsStatus.Engine> list = new ArrayList<>();
    engines.values().forEach(e -> {
      Optional<String> problem = e.problem().or(() -> ffmpeg.map(p -> "ffmpeg unavailable: " + p));
      list.add(new TtsStatus.Engine(e.id(), problem.isEmpty(), problem.orElse(null), e.detail()));
    });
    return new TtsStatus(list,
        new TtsStatus.Tool("ffmpeg", ffmpeg.isEmpty(), ffmpeg.orElse(null), transcoder.detail()),
        VOICE_NAMES, List.of("calm", "fast", "bright"), maxChars, Math.max(6, bitrateKbps), maxBytes);
  }
}
