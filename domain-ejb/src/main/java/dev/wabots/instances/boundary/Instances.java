package dev.wabots.instances.boundary;

import dev.wabots.audit.boundary.AuditLog;
import dev.wabots.instances.control.InstanceAccess;
import dev.wabots.instances.control.InstanceRules;
import dev.wabots.instances.control.SandboxCredentials;
import dev.wabots.instances.control.Slugs;
import dev.wabots.instances.entity.InstanceChanges;
import dev.wabots.instances.entity.InstanceField;
import dev.wabots.instances.entity.LlmParams;
import dev.wabots.instances.entity.WhatsAppInstance;
import dev.wabots.instances.entity.WhatsAppInstance.Mode;
import dev.wabots.llm.control.ProviderAccess;
import dev.wabots.platform.Conflict;
import dev.wabots.platform.FieldError;
import dev.wabots.platform.Forbidden;
import dev.wabots.platform.Invalid;
import dev.wabots.processes.boundary.BotProcesses;
import dev.wabots.processes.control.PortProbe;
import dev.wabots.processes.entity.ProcessState;
import dev.wabots.security.Caller;
import dev.wabots.security.Callers;
import dev.wabots.security.Secrets;
import dev.wabots.users.entity.User;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Bot instances: list, read, create, change, delete — with the ownership rules applied here, so
 * the REST API and the panel behave the same. A bot that is not yours does not exist (404).
 */
@Stateless
public class Instances {

  @Inject dev.wabots.funnels.control.ProfileStore profiles;

  @PersistenceContext EntityManager em;

  @Inject Event<InstanceDeleted> deleted;

  @Inject Callers callers;

  @Inject Secrets secrets;

  @Inject AuditLog audit;

  @Inject BotProcesses processes;

  public List<InstanceView> list() {
    Caller caller = callers.current();
    return InstanceAccess.visibleBots(em, caller).stream().map(this::view).toList();
  }

  public InstanceView get(String id) {
    return view(visible(id, callers.current()));
  }

  public InstanceView create(InstanceChanges changes) {
    Caller caller = callers.writer();
    List<FieldError> errors = new ArrayList<>(InstanceRules.check(changes, true));
    checkOwnerChange(caller, changes, errors);
    checkProviderReferences(caller, changes, null, errors);
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
    String name = changes.text(InstanceField.NAME);
    requireUniqueName(name, null);
    int port = changes.has(InstanceField.WEBHOOK_PORT)
        ? changes.integer(InstanceField.WEBHOOK_PORT).intValue()
        : firstFreePort();
    requireFreePort(port, null, caller);
    String id = Slugs.unique(name, this::idTaken);
    Long owner = changes.has(InstanceField.OWNER_ID) ? changes.integer(InstanceField.OWNER_ID) : caller.userId();
    WhatsAppInstance bot = new WhatsAppInstance(id, name, owner, port, Instant.now());
    fillSandboxCredentials(changes);
    apply(bot, changes.without(InstanceField.NAME).without(InstanceField.WEBHOOK_PORT));
    em.persist(bot);
    em.flush();
    audit.record(caller.username(), "instance.create", id,
        AuditLog.details("name", name, "fields", jsonNames(changes.fields())));
    return view(bot);
  }

  public InstanceView update(String id, InstanceChanges changes) {
    Caller caller = callers.writer();
    WhatsAppInstance bot = visible(id, caller);
    List<FieldError> errors = new ArrayList<>(InstanceRules.check(changes, false));
    checkOwnerChange(caller, changes, errors);
    checkProviderReferences(caller, changes, bot, errors);
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
    if (changes.has(InstanceField.NAME)) {
      requireUniqueName(changes.text(InstanceField.NAME), bot.id());
      bot.rename(changes.text(InstanceField.NAME));
    }
    if (changes.has(InstanceField.WEBHOOK_PORT) && changes.integer(InstanceField.WEBHOOK_PORT).intValue() != bot.webhookPort()) {
      int port = changes.integer(InstanceField.WEBHOOK_PORT).intValue();
      requireFreePort(port, bot.id(), caller);
      bot.listenOn(port);
    }
    requireRealCredentialsWhenGoingLive(bot, changes);
    apply(bot, changes);
    bot.touch(Instant.now());
    audit.record(caller.username(), "instance.update", bot.id(),
        AuditLog.details("fields", jsonNames(changes.fields())));
    return view(bot);
  }

  public void delete(String id) {
    Caller caller = callers.writer();
    WhatsAppInstance bot = visible(id, caller);
    processes.forget(bot.id());
    em.remove(bot);
    audit.record(caller.username(), "instance.delete", bot.id(), AuditLog.details("name", bot.name()));
    deleted.fire(new InstanceDeleted(bot.id()));
  }

  /**
   * A sandbox bot gets working credentials for the local Cloud API stand-in unless the creator
   * gave their own (which are kept).
   */
  private static void fillSandboxCredentials(InstanceChanges c) {
    boolean sandbox = !c.has(InstanceField.MODE) || "sandbox".equals(c.text(InstanceField.MODE));
    if (!sandbox) {
      return;
    }
    if (!c.has(InstanceField.PHONE_NUMBER_ID) || c.text(InstanceField.PHONE_NUMBER_ID) == null) {
      c.set(InstanceField.PHONE_NUMBER_ID, SandboxCredentials.metaId());
    }
    if (!c.has(InstanceField.WABA_ID) || c.text(InstanceField.WABA_ID) == null) {
      c.set(InstanceField.WABA_ID, SandboxCredentials.metaId());
    }
    if (!c.has(InstanceField.ACCESS_TOKEN) || c.text(InstanceField.ACCESS_TOKEN) == null) {
      c.set(InstanceField.ACCESS_TOKEN, SandboxCredentials.accessToken());
    }
    if (!c.has(InstanceField.VERIFY_TOKEN) || c.text(InstanceField.VERIFY_TOKEN) == null) {
      c.set(InstanceField.VERIFY_TOKEN, SandboxCredentials.verifyToken());
    }
    if (!c.has(InstanceField.APP_SECRET) || c.text(InstanceField.APP_SECRET) == null) {
      c.set(InstanceField.APP_SECRET, SandboxCredentials.appSecret());
    }
  }

  /**
   * The sandbox's view of a bot the caller may see ({@code write}: and change). Sandbox mode only.
   */
  public SandboxBot sandboxBot(String id, boolean write) {
    Caller caller = write ? callers.writer() : callers.current();
    WhatsAppInstance bot = visible(id, caller);
    if (bot.mode() != Mode.SANDBOX) {
      throw Invalid.of("mode", "bot '" + id + "' is in live mode; the sandbox serves sandbox bots only");
    }
    return sandboxView(bot);
  }

  /** The sandbox bot with this phone number id, for the Graph stand-in (which checks the token itself). */
  public Optional<SandboxBot> sandboxBotByPhoneNumberId(String phoneNumberId) {
    return em.createNamedQuery(WhatsAppInstance.BY_PHONE_NUMBER_ID, WhatsAppInstance.class)
        .setParameter("pnid", phoneNumberId)
        .getResultStream()
        .filter(b -> b.mode() == Mode.SANDBOX)
        .findFirst()
        .map(this::sandboxView);
  }

  /** The sandbox bot with this id, for the Graph stand-in's media downloads (token checked there). */
  public Optional<SandboxBot> sandboxBotByInstanceId(String id) {
    return Optional.ofNullable(id == null ? null : em.find(WhatsAppInstance.class, id))
        .filter(b -> b.mode() == Mode.SANDBOX)
        .map(this::sandboxView);
  }

  private SandboxBot sandboxView(WhatsAppInstance b) {
    return new SandboxBot(b.id(), b.name(), b.mode().id(), b.webhookPort(), b.phoneNumberId(), b.wabaId(),
        secrets.open(InstanceField.ACCESS_TOKEN, b.storedSecret(InstanceField.ACCESS_TOKEN)),
        secrets.open(InstanceField.VERIFY_TOKEN, b.storedSecret(InstanceField.VERIFY_TOKEN)),
        secrets.open(InstanceField.APP_SECRET, b.storedSecret(InstanceField.APP_SECRET)));
  }

  /** Applies changes other than name and port (handled by the callers) and checks live mode. */
  private void apply(WhatsAppInstance bot, InstanceChanges c) {
    if (c.has(InstanceField.DESCRIPTION)) {
      bot.describe(c.text(InstanceField.DESCRIPTION));
    }
    if (c.has(InstanceField.ENABLED)) {
      bot.enable(c.bool(InstanceField.ENABLED));
    }
    if (c.has(InstanceField.AUTO_START)) {
      if (c.bool(InstanceField.AUTO_START)) {
        bot.enableAutoStart();
      } else {
        bot.disableAutoStart();
      }
    }
    if (c.has(InstanceField.OWNER_ID)) {
      bot.assignOwner(c.integer(InstanceField.OWNER_ID));
    }
    for (InstanceField secret : List.of(
        InstanceField.ACCESS_TOKEN, InstanceField.VERIFY_TOKEN, InstanceField.APP_SECRET)) {
      if (c.has(secret)) {
        String plain = c.text(secret);
        bot.storeSecret(secret, plain == null || plain.isEmpty() ? null : secrets.seal(secret, plain));
      }
    }
    Mode before = bot.mode();
    bot.connect(
        c.has(InstanceField.MODE) ? Mode.parse(c.text(InstanceField.MODE)).orElseThrow() : bot.mode(),
        c.has(InstanceField.PHONE_NUMBER_ID) ? c.text(InstanceField.PHONE_NUMBER_ID) : bot.phoneNumberId(),
        c.has(InstanceField.WABA_ID) ? c.text(InstanceField.WABA_ID) : bot.wabaId(),
        c.has(InstanceField.GRAPH_API_VERSION) ? c.text(InstanceField.GRAPH_API_VERSION) : bot.graphApiVersion());
    bot.useAi(
        c.has(InstanceField.LLM_BACKEND) ? c.text(InstanceField.LLM_BACKEND) : bot.llmBackend(),
        c.has(InstanceField.SYSTEM_PROMPT) ? emptyToNull(c.text(InstanceField.SYSTEM_PROMPT)) : bot.systemPrompt(),
        c.has(InstanceField.LLM_PARAMS) ? (LlmParams) c.raw(InstanceField.LLM_PARAMS) : bot.llmParams());
    if (c.has(InstanceField.LLM_FALLBACK)) {
      bot.fallBackTo(c.text(InstanceField.LLM_FALLBACK));
    }
    if (c.has(InstanceField.LANGUAGE)) {
      bot.converseIn(c.text(InstanceField.LANGUAGE));
    }
    bot.speak(
        c.has(InstanceField.TTS_ENABLED) ? c.bool(InstanceField.TTS_ENABLED) : bot.ttsEnabled(),
        c.has(InstanceField.TTS_ENGINE) ? c.text(InstanceField.TTS_ENGINE) : bot.ttsEngine(),
        c.has(InstanceField.TTS_VOICE) ? c.text(InstanceField.TTS_VOICE) : bot.ttsVoice(),
        c.has(InstanceField.TTS_PRESET) ? c.text(InstanceField.TTS_PRESET) : bot.ttsPreset());
    bot.listen(
        c.has(InstanceField.STT_ENABLED) ? c.bool(InstanceField.STT_ENABLED) : bot.sttEnabled(),
        c.has(InstanceField.STT_ENGINE) ? c.text(InstanceField.STT_ENGINE) : bot.sttEngine(),
        c.has(InstanceField.STT_LANGUAGE) ? c.text(InstanceField.STT_LANGUAGE) : bot.sttLanguage(),
        c.has(InstanceField.STT_MAX_SECONDS) ? c.integer(InstanceField.STT_MAX_SECONDS).intValue() : bot.sttMaxSeconds());
    if (c.has(InstanceField.STT_ECHO)) {
      bot.echoVoiceNotes(c.bool(InstanceField.STT_ECHO));
    }
    if (c.has(InstanceField.MEDIA_HANDOFF)) {
      bot.handOffMedia(c.bool(InstanceField.MEDIA_HANDOFF));
    }
    bot.askForPersonWhen(
        c.has(InstanceField.HANDOFF_ON_CONTACT) ? c.bool(InstanceField.HANDOFF_ON_CONTACT) : bot.handoffOnContact(),
        c.has(InstanceField.HANDOFF_ON_PERSON_WORDS) ? c.bool(InstanceField.HANDOFF_ON_PERSON_WORDS)
            : bot.handoffOnPersonWords(),
        c.has(InstanceField.HANDOFF_ON_AI_FAILURE) ? c.bool(InstanceField.HANDOFF_ON_AI_FAILURE) : bot.handoffOnAiFailure(),
        c.has(InstanceField.HANDOFF_ON_TOO_EXPENSIVE) ? c.bool(InstanceField.HANDOFF_ON_TOO_EXPENSIVE)
            : bot.handoffOnTooExpensive());
    if (c.has(InstanceField.HANDBACK_AFTER_HOURS)) {
      bot.handBackAfter(c.integer(InstanceField.HANDBACK_AFTER_HOURS).intValue());
    }
    if (c.has(InstanceField.MESSAGE_RETENTION_DAYS)) {
      bot.keepMessageTextFor(c.integer(InstanceField.MESSAGE_RETENTION_DAYS).intValue());
    }
    bot.restrictAccess(
        c.has(InstanceField.ALLOWED_PHONES) ? c.list(InstanceField.ALLOWED_PHONES) : bot.allowedPhones(),
        c.has(InstanceField.BLOCKED_PHONES) ? c.list(InstanceField.BLOCKED_PHONES) : bot.blockedPhones());
    bot.limitRate(
        c.has(InstanceField.RATE_LIMIT_COUNT) ? c.integer(InstanceField.RATE_LIMIT_COUNT).intValue() : bot.rateLimitCount(),
        c.has(InstanceField.RATE_LIMIT_HOURS) ? c.integer(InstanceField.RATE_LIMIT_HOURS).intValue() : bot.rateLimitHours());
    requireLiveCredentials(bot);
    if (before != Mode.LIVE && bot.mode() == Mode.LIVE) {
      List<String> left = profiles.placeholders(bot);
      if (!left.isEmpty()) {
        throw Invalid.of("profile", "a live bot would send customers the shipped placeholders: set "
            + String.join(", ", left) + " in the business profile first (the Profile tab, or PUT"
            + " /admin/whatsapp/instances/" + bot.id() + "/profile), then switch to live");
      }
    }
  }

  /**
   * A sandbox bot holds generated credentials that Meta would refuse: going live takes the real
   * phone number id, access token and app secret in the same request.
   */
  private static void requireRealCredentialsWhenGoingLive(WhatsAppInstance bot, InstanceChanges c) {
    boolean goingLive = bot.mode() == Mode.SANDBOX && c.has(InstanceField.MODE) && "live".equals(c.text(InstanceField.MODE));
    if (!goingLive) {
      return;
    }
    List<FieldError> missing = new ArrayList<>();
    for (InstanceField f : List.of(InstanceField.PHONE_NUMBER_ID, InstanceField.ACCESS_TOKEN, InstanceField.APP_SECRET)) {
      if (!c.has(f) || c.text(f) == null || c.text(f).isBlank()) {
        missing.add(new FieldError(f.json(), "switching to live needs your own Meta value (the sandbox one would be refused)"));
      }
    }
    if (!missing.isEmpty()) {
      throw new Invalid(missing);
    }
  }

  private void requireLiveCredentials(WhatsAppInstance bot) {
    if (bot.mode() != Mode.LIVE) {
      return;
    }
    List<FieldError> missing = new ArrayList<>();
    if (bot.phoneNumberId() == null) {
      missing.add(new FieldError("phone_number_id", "is required in live mode"));
    }
    for (InstanceField secret : List.of(
        InstanceField.ACCESS_TOKEN, InstanceField.VERIFY_TOKEN, InstanceField.APP_SECRET)) {
      if (bot.storedSecret(secret) == null) {
        missing.add(new FieldError(secret.json(), "is required in live mode"));
      }
    }
    if (!missing.isEmpty()) {
      throw new Invalid(missing);
    }
  }

  private void checkOwnerChange(Caller caller, InstanceChanges changes, List<FieldError> errors) {
    if (!changes.has(InstanceField.OWNER_ID)) {
      return;
    }
    Long owner = changes.integer(InstanceField.OWNER_ID);
    if (!caller.isAdmin()) {
      if (owner == null || owner != caller.userId()) {
        throw new Forbidden("only admins may assign a bot to another owner");
      }
      return;
    }
    if (owner != null && em.find(User.class, owner) == null) {
      errors.add(new FieldError("owner_id", "no user with id " + owner));
    }
  }

  /**
   * {@code llm_backend = cloud:{id}} and {@code llm_fallback} must name a stored provider the caller
   * may see (someone else's provider does not exist for them, as with bots). A value the bot already
   * has is not checked again, so a form that sends every field still saves.
   */
  private void checkProviderReferences(Caller caller, InstanceChanges changes, WhatsAppInstance current,
      List<FieldError> errors) {
    String backend = changes.has(InstanceField.LLM_BACKEND) ? changes.text(InstanceField.LLM_BACKEND) : null;
    if (backend != null && backend.startsWith("cloud:") && errors.stream().noneMatch(e -> e.field().equals("llm_backend"))
        && (current == null || !backend.equals(current.llmBackend()))) {
      String id = backend.substring("cloud:".length());
      if (ProviderAccess.find(em, id, caller).isEmpty()) {
        errors.add(new FieldError("llm_backend", "no provider '" + id + "' (see /admin/llm/providers)"));
      }
    }
    String fallback = changes.has(InstanceField.LLM_FALLBACK) ? changes.text(InstanceField.LLM_FALLBACK) : null;
    if (fallback != null && errors.stream().noneMatch(e -> e.field().equals("llm_fallback"))
        && (current == null || !fallback.equals(current.llmFallback()))) {
      if (ProviderAccess.find(em, fallback, caller).isEmpty()) {
        errors.add(new FieldError("llm_fallback", "no provider '" + fallback + "' (see /admin/llm/providers)"));
      }
    }
  }

  WhatsAppInstance visible(String id, Caller caller) {
    return InstanceAccess.visible(em, id, caller);
  }

  private void requireUniqueName(String name, String exceptId) {
    boolean clash = em.createNamedQuery(WhatsAppInstance.BY_NAME, WhatsAppInstance.class)
        .setParameter("name", name.toLowerCase(java.util.Locale.ROOT))
        .getResultStream()
        .anyMatch(other -> !other.id().equals(exceptId));
    if (clash) {
      throw Conflict.onField("name", "a bot named '" + name + "' already exists");
    }
  }

  /**
   * A new port must be no other bot's and free on this machine (a bot could not start on it);
   * which process holds it is shown to admins only.
   */
  private void requireFreePort(int port, String exceptId, Caller caller) {
    Optional<WhatsAppInstance> holder = em.createNamedQuery(WhatsAppInstance.BY_PORT, WhatsAppInstance.class)
        .setParameter("port", port)
        .getResultStream()
        .filter(other -> !other.id().equals(exceptId))
        .findFirst();
    if (holder.isPresent()) {
      throw Conflict.onField("webhook_port", "port " + port + " is already used by another bot");
    }
    if (!PortProbe.isFree(port)) {
      String process = caller.isAdmin() ? PortProbe.holder(port).orElse("another process") : null;
      throw Conflict.onField("webhook_port", PortProbe.inUse(port, process, caller.isAdmin()));
    }
  }

  /** The lowest port from 8003 up that no bot uses and nothing on this machine listens on. */
  private int firstFreePort() {
    Set<Integer> used = new HashSet<>(em.createNamedQuery(WhatsAppInstance.PORTS, Integer.class).getResultList());
    int port = WhatsAppInstance.DEFAULT_PORT;
    while (used.contains(port) || (port < WhatsAppInstance.DEFAULT_PORT + 1000 && !PortProbe.isFree(port))) {
      port++;
    }
    return port;
  }

  private boolean idTaken(String id) {
    return em.find(WhatsAppInstance.class, id) != null;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static List<String> jsonNames(Set<InstanceField> fields) {
    return fields.stream().map(InstanceField::json).toList();
  }

  InstanceView view(WhatsAppInstance b) {
    String token = secrets.open(InstanceField.ACCESS_TOKEN, b.storedSecret(InstanceField.ACCESS_TOKEN));
    String verify = secrets.open(InstanceField.VERIFY_TOKEN, b.storedSecret(InstanceField.VERIFY_TOKEN));
    String app = secrets.open(InstanceField.APP_SECRET, b.storedSecret(InstanceField.APP_SECRET));
    ProcessState state = processes.stateOf(b.id());
    return new InstanceView(b.id(), b.name(), b.description(), b.enabled(), b.autoStart(), b.ownerId(),
        b.mode().id(), b.phoneNumberId(), b.wabaId(),
        InstanceView.mask(token), token != null,
        InstanceView.mask(verify), verify != null,
        InstanceView.mask(app), app != null,
        b.webhookPort(), b.graphApiVersion(), b.llmBackend(), b.systemPrompt(), b.llmParams(),
        b.llmFallback(), b.language(),
        b.ttsEnabled(), b.ttsEngine(), b.ttsVoice(), b.ttsPreset(), b.sttEnabled(), b.sttEngine(), b.sttLanguage(),
        b.sttMaxSeconds(), b.sttEcho(), b.mediaHandoff(), b.handoffOnContact(), b.handoffOnPersonWords(), b.handoffOnAiFailure(),
        b.handoffOnTooExpensive(), b.handbackAfterHours(), b.messageRetentionDays(), b.allowedPhones(), b.blockedPhones(),
        b.rateLimitCount(), b.rateLimitHours(), b.created(), b.updated(), state.hasProcess(), state.id());
  }
}
