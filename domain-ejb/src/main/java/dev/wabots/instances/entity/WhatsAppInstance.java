package dev.wabots.instances.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * One WhatsApp bot: its identity, its Meta Cloud API connection, its AI, voice, access rules and
 * rate limit. Secrets are held as ciphertext; the boundary encrypts and decrypts them.
 */
@Entity
@Table(name = "whatsapp_instances")
@EntityListeners(InstanceWrites.class)
@NamedQuery(name = WhatsAppInstance.ALL, query = "SELECT i FROM WhatsAppInstance i ORDER BY i.name")
@NamedQuery(
    name = WhatsAppInstance.BY_OWNER,
    query = "SELECT i FROM WhatsAppInstance i WHERE i.ownerId = :owner ORDER BY i.name")
@NamedQuery(
    name = WhatsAppInstance.BY_NAME,
    query = "SELECT i FROM WhatsAppInstance i WHERE LOWER(i.name) = :name")
@NamedQuery(
    name = WhatsAppInstance.BY_PORT,
    query = "SELECT i FROM WhatsAppInstance i WHERE i.webhookPort = :port")
@NamedQuery(
    name = WhatsAppInstance.BY_PHONE_NUMBER_ID,
    query = "SELECT i FROM WhatsAppInstance i WHERE i.phoneNumberId = :pnid")
@NamedQuery(
    name = WhatsAppInstance.USING_PROVIDER,
    query = "SELECT i FROM WhatsAppInstance i WHERE i.llmBackend = :backend OR i.llmFallback = :provider ORDER BY i.name")
@NamedQuery(name = WhatsAppInstance.PORTS, query = "SELECT i.webhookPort FROM WhatsAppInstance i")
@NamedQuery(name = WhatsAppInstance.IDS_LIKE, query = "SELECT i.id FROM WhatsAppInstance i WHERE i.id LIKE :prefix")
public class WhatsAppInstance {

  public static final String ALL = "WhatsAppInstance.all";
  public static final String BY_OWNER = "WhatsAppInstance.byOwner";
  public static final String BY_NAME = "WhatsAppInstance.byName";
  public static final String BY_PORT = "WhatsAppInstance.byPort";
  public static final String PORTS = "WhatsAppInstance.ports";
  public static final String BY_PHONE_NUMBER_ID = "WhatsAppInstance.byPhoneNumberId";
  public static final String IDS_LIKE = "WhatsAppInstance.idsLike";
  public static final String USING_PROVIDER = "WhatsAppInstance.usingProvider";

  public static final int DEFAULT_PORT = 8003;
  public static final String DEFAULT_GRAPH_VERSION = "v23.0";
  /** Hours of operator silence before a taken-over customer goes back to the bot (issue 14). */
  public static final int DEFAULT_HANDBACK_HOURS = 12;
  /** Days message texts are kept (issue 14); also for conversations of bots deleted since. */
  public static final int DEFAULT_RETENTION_DAYS = 180;
  public static final String DEFAULT_LANGUAGE = "ru";

  @Id private String id;

  @Column(nullable = false)
  private String name;

  private String description;

  @Column(nullable = false)
  private boolean enabled;

  @Column(name = "auto_start", nullable = false)
  private boolean autoStart;

  @Column(name = "owner_id")
  private Long ownerId;

  @Column(nullable = false)
  private String mode;

  @Column(name = "phone_number_id")
  private String phoneNumberId;

  @Column(name = "waba_id")
  private String wabaId;

  @Column(name = "access_token")
  private String accessToken;

  @Column(name = "verify_token")
  private String verifyToken;

  @Column(name = "app_secret")
  private String appSecret;

  @Column(name = "webhook_port", nullable = false)
  private int webhookPort;

  @Column(name = "graph_api_version", nullable = false)
  private String graphApiVersion;

  @Column(name = "llm_backend", nullable = false)
  private String llmBackend;

  @Column(name = "system_prompt")
  private String systemPrompt;

  @Column(name = "llm_params", nullable = false)
  @Convert(converter = JsonColumns.Params.class)
  private LlmParams llmParams;

  /** A stored provider's id tried when the backend fails, or null. */
  @Column(name = "llm_fallback")
  private String llmFallback;

  /** {@code ru} or {@code en}: the default persona prompt and the TTS voices. */
  @Column(nullable = false)
  private String language;

  @Column(name = "tts_enabled", nullable = false)
  private boolean ttsEnabled;

  @Column(name = "tts_engine", nullable = false)
  private String ttsEngine;

  @Column(name = "tts_voice", nullable = false)
  private String ttsVoice;

  @Column(name = "tts_preset")
  private String ttsPreset;

  @Column(name = "stt_enabled", nullable = false)
  private boolean sttEnabled;

  @Column(name = "stt_engine", nullable = false)
  private String sttEngine = "openai-compatible";

  /** {@code null}: the bot's language. */
  @Column(name = "stt_language")
  private String sttLanguage;

  @Column(name = "stt_max_seconds", nullable = false)
  private int sttMaxSeconds = 120;

  /** A transcribed voice note is first answered with "I heard: …". */
  @Column(name = "stt_echo", nullable = false)
  private boolean sttEcho;

  @Column(name = "media_handoff", nullable = false)
  private boolean mediaHandoff;

  /** The situations that ask for a person on their own (each on by default). */
  @Column(name = "handoff_on_contact", nullable = false)
  private boolean handoffOnContact = true;

  @Column(name = "handoff_on_person_words", nullable = false)
  private boolean handoffOnPersonWords = true;

  @Column(name = "handoff_on_ai_failure", nullable = false)
  private boolean handoffOnAiFailure = true;

  @Column(name = "handoff_on_too_expensive", nullable = false)
  private boolean handoffOnTooExpensive = true;

  @Column(name = "handback_after_hours", nullable = false)
  private int handbackAfterHours = DEFAULT_HANDBACK_HOURS;

  @Column(name = "message_retention_days", nullable = false)
  private int messageRetentionDays = DEFAULT_RETENTION_DAYS;

  @Column(name = "allowed_phones", nullable = false)
  @Convert(converter = JsonColumns.Phones.class)
  private List<String> allowedPhones;

  @Column(name = "blocked_phones", nullable = false)
  @Convert(converter = JsonColumns.Phones.class)
  private List<String> blockedPhones;

  @Column(name = "rate_limit_count", nullable = false)
  private int rateLimitCount;

  @Column(name = "rate_limit_hours", nullable = false)
  private int rateLimitHours;

  /** The business profile as JSON (snake_case fields; the YooMoney secret sealed), null when never set. */
  private String profile;

  @Column(nullable = false)
  private Instant created;

  @Column(nullable = false)
  private Instant updated;

  protected WhatsAppInstance() {}

  /** A new bot with the seed's defaults: enabled, sandbox mode, vLLM, 5 answers per 5 hours. */
  public WhatsAppInstance(String id, String name, Long ownerId, int webhookPort, Instant now) {
    this.id = id;
    this.name = name;
    this.ownerId = ownerId;
    this.webhookPort = webhookPort;
    this.enabled = true;
    this.autoStart = false;
    this.mode = Mode.SANDBOX.id();
    this.graphApiVersion = DEFAULT_GRAPH_VERSION;
    this.llmBackend = "vllm";
    this.llmParams = LlmParams.DEFAULTS;
    this.ttsEngine = "espeak";
    this.ttsVoice = "anna";
    this.allowedPhones = List.of();
    this.blockedPhones = List.of();
    this.rateLimitCount = 5;
    this.rateLimitHours = 5;
    this.language = DEFAULT_LANGUAGE;
    this.created = now;
    this.updated = now;
  }

  /** Sandbox (the local Cloud API stand-in) or live (Meta). */
  public enum Mode {
    SANDBOX,
    LIVE;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static java.util.Optional<Mode> parse(String text) {
      return java.util.Arrays.stream(values()).filter(m -> m.id().equals(text)).findFirst();
    }
  }

  public void rename(String newName) {
    this.name = newName;
  }

  public void describe(String text) {
    this.description = text;
  }

  public void enable(boolean on) {
    this.enabled = on;
  }

  public void enableAutoStart() {
    this.autoStart = true;
  }

  public void disableAutoStart() {
    this.autoStart = false;
  }

  public void assignOwner(Long userId) {
    this.ownerId = userId;
  }

  public void connect(Mode newMode, String newPhoneNumberId, String newWabaId, String newGraphVersion) {
    this.mode = newMode.id();
    this.phoneNumberId = newPhoneNumberId;
    this.wabaId = newWabaId;
    this.graphApiVersion = newGraphVersion;
  }

  /** Stores a secret's ciphertext ({@code null} clears it). */
  public void storeSecret(InstanceField field, String ciphertext) {
    switch (field) {
      case ACCESS_TOKEN -> accessToken = ciphertext;
      case VERIFY_TOKEN -> verifyToken = ciphertext;
      case APP_SECRET -> appSecret = ciphertext;
      default -> throw new IllegalArgumentException(field + " is not a secret");
    }
  }

  public String storedSecret(InstanceField field) {
    return switch (field) {
      case ACCESS_TOKEN -> accessToken;
      case VERIFY_TOKEN -> verifyToken;
      case APP_SECRET -> appSecret;
      default -> throw new IllegalArgumentException(field + " is not a secret");
    };
  }

  public void listenOn(int port) {
    this.webhookPort = port;
  }

  public void useAi(String backend, String prompt, LlmParams params) {
    this.llmBackend = backend;
    this.systemPrompt = prompt;
    this.llmParams = params;
  }

  /** The stored provider to try when the backend fails ({@code null}: none). */
  public void fallBackTo(String providerId) {
    this.llmFallback = providerId;
  }

  public void converseIn(String newLanguage) {
    this.language = newLanguage;
  }

  public void speak(boolean on, String engine, String voice, String preset) {
    this.ttsEnabled = on;
    this.ttsEngine = engine;
    this.ttsVoice = voice;
    this.ttsPreset = preset;
  }

  /** Customers' voice notes as text: on or off, the engine, the language (null: the bot's), the longest note. */
  public void listen(boolean on, String engine, String language, int maxSeconds) {
    this.sttEnabled = on;
    this.sttEngine = engine;
    this.sttLanguage = language;
    this.sttMaxSeconds = maxSeconds;
  }

  /** Whether a transcribed voice note is first answered with "I heard: …" (off: nothing extra). */
  public void echoVoiceNotes(boolean on) {
    this.sttEcho = on;
  }

  public boolean sttEcho() {
    return sttEcho;
  }

  /** Whether a file or photo the bot cannot handle itself asks for a person. */
  public void handOffMedia(boolean on) {
    this.mediaHandoff = on;
  }

  public boolean sttEnabled() {
    return sttEnabled;
  }

  public String sttEngine() {
    return sttEngine;
  }

  public String sttLanguage() {
    return sttLanguage;
  }

  /** The language voice notes are transcribed in: the setting, else the bot's. */
  public String sttLanguageOrDefault() {
    return sttLanguage != null ? sttLanguage : language();
  }

  public int sttMaxSeconds() {
    return sttMaxSeconds;
  }

  public boolean mediaHandoff() {
    return mediaHandoff;
  }

  /**
   * Which situations ask for a person: the customer chose the funnel's contact action, wrote words
   * asking for a person, the AI failed for them, the quote was too expensive for them.
   */
  public void askForPersonWhen(boolean contact, boolean personWords, boolean aiFailure, boolean tooExpensive) {
    this.handoffOnContact = contact;
    this.handoffOnPersonWords = personWords;
    this.handoffOnAiFailure = aiFailure;
    this.handoffOnTooExpensive = tooExpensive;
  }

  /** A taken-over customer goes back to the bot after this many hours of operator silence. */
  public void handBackAfter(int hours) {
    if (hours < 1) {
      throw new IllegalArgumentException("hand-back hours must be at least 1");
    }
    this.handbackAfterHours = hours;
  }

  /** Message texts are removed after this many days (the messages and counts stay). */
  public void keepMessageTextFor(int days) {
    if (days < 1) {
      throw new IllegalArgumentException("retention days must be at least 1");
    }
    this.messageRetentionDays = days;
  }

  public boolean handoffOnContact() {
    return handoffOnContact;
  }

  public boolean handoffOnPersonWords() {
    return handoffOnPersonWords;
  }

  public boolean handoffOnAiFailure() {
    return handoffOnAiFailure;
  }

  public boolean handoffOnTooExpensive() {
    return handoffOnTooExpensive;
  }

  public int handbackAfterHours() {
    return handbackAfterHours;
  }

  public int messageRetentionDays() {
    return messageRetentionDays;
  }

  public void restrictAccess(List<String> allowed, List<String> blocked) {
    this.allowedPhones = List.copyOf(allowed);
    this.blockedPhones = List.copyOf(blocked);
  }

  public void limitRate(int count, int hours) {
    this.rateLimitCount = count;
    this.rateLimitHours = hours;
  }

  public void touch(Instant now) {
    this.updated = now;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public boolean enabled() {
    return enabled;
  }

  public boolean autoStart() {
    return autoStart;
  }

  public Long ownerId() {
    return ownerId;
  }

  public Mode mode() {
    return Mode.parse(mode).orElse(Mode.SANDBOX);
  }

  public String phoneNumberId() {
    return phoneNumberId;
  }

  public String wabaId() {
    return wabaId;
  }

  public int webhookPort() {
    return webhookPort;
  }

  public String graphApiVersion() {
    return graphApiVersion;
  }

  public String llmBackend() {
    return llmBackend;
  }

  public String systemPrompt() {
    return systemPrompt;
  }

  public LlmParams llmParams() {
    return llmParams;
  }

  public String llmFallback() {
    return llmFallback;
  }

  public String language() {
    return language == null ? DEFAULT_LANGUAGE : language;
  }

  /** The stored business profile JSON (secret sealed), or null. */
  public String profile() {
    return profile;
  }

  public void useProfile(String json) {
    profile = json;
    updated = Instant.now();
  }

  public boolean ttsEnabled() {
    return ttsEnabled;
  }

  public String ttsEngine() {
    return ttsEngine;
  }

  public String ttsVoice() {
    return ttsVoice;
  }

  public String ttsPreset() {
    return ttsPreset;
  }

  public List<String> allowedPhones() {
    return allowedPhones;
  }

  public List<String> blockedPhones() {
    return blockedPhones;
  }

  public int rateLimitCount() {
    return rateLimitCount;
  }

  public int rateLimitHours() {
    return rateLimitHours;
  }

  public Instant created() {
    return created;
  }

  public Instant updated() {
    return updated;
  }
}
