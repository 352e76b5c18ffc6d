package dev.wabots.notifications.boundary;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wabots.audit.boundary.AuditLog;
import dev.wabots.conversations.boundary.NeedsPerson;
import dev.wabots.instances.boundary.InstanceDeleted;
import dev.wabots.instances.boundary.InstanceView;
import dev.wabots.instances.control.InstanceAccess;
import dev.wabots.instances.entity.WhatsAppInstance;
import dev.wabots.llm.control.PublicAddresses;
import dev.wabots.notifications.control.ChannelConfig;
import dev.wabots.notifications.control.DeliveryFailed;
import dev.wabots.notifications.control.Notice;
import dev.wabots.notifications.entity.NotificationChannel;
import dev.wabots.notifications.entity.PendingNotification;
import dev.wabots.platform.FieldError;
import dev.wabots.platform.Invalid;
import dev.wabots.platform.NotFound;
import dev.wabots.security.Caller;
import dev.wabots.security.Callers;
import dev.wabots.security.Secrets;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Alerts to a bot's owner: the channels people set up per bot (Telegram, e-mail, an outgoing
 * webhook for CRMs; each with the events it wants, secrets sealed and masked like the bot's), the
 * notices the system raises (a customer needs a person, Meta refused the bot's token, a crash loop,
 * the AI failing again and again) queued for each channel that wants them, and a test notice.
 * Delivery itself is {@link NotificationDelivery}'s: retried with backoff, never in the way of
 * message processing.
 */
@Stateless
public class Notifications {

  public static final String NEEDS_PERSON = "needs_person";
  public static final String TOKEN_REFUSED = "token_refused";
  public static final String CRASH_LOOP = "crash_loop";
  public static final String AI_FAILING = "ai_failing";
  public static final String NEW_LEAD = "new_lead";
  public static final String QUOTE_SENT = "quote_sent";
  public static final String CHECKOUT = "checkout";
  public static final String PAID = "paid";
  public static final List<String> EVENTS = List.of(NEEDS_PERSON, TOKEN_REFUSED, CRASH_LOOP, AI_FAILING, NEW_LEAD,
      QUOTE_SENT, CHECKOUT, PAID);
  static final Set<String> SECURITIES = Set.of("starttls", "ssl", "none");
  static final int MAX_CHANNELS = 20;
  private static final Pattern TELEGRAM_TOKEN = Pattern.compile("[0-9]{3,20}:[A-Za-z0-9_-]{20,100}");
  private static final Pattern CHAT_ID = Pattern.compile("-?[0-9]{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9a-fA-F:]+]");
  static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
      .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
      .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .build();
  private static final SecureRandom RANDOM = new SecureRandom();

  @PersistenceContext EntityManager em;

  @Inject Callers callers;

  @Inject Secrets secrets;

  @Inject AuditLog audit;

  @Inject NotificationDelivery delivery;

  @Inject jakarta.enterprise.event.Event<ChannelWants.Changed> changed;

  @Inject
  @ConfigProperty(name = "wabots.public-url")
  Optional<String> publicUrl;

  @Inject
  @ConfigProperty(name = "wabots.port", defaultValue = "8002")
  int port;

  // ---------------------------------------------------------------- people

  public List<ChannelView> list(String botId) {
    WhatsAppInstance bot = InstanceAccess.visible(em, botId, callers.current());
    return em.createNamedQuery(NotificationChannel.OF_BOT, NotificationChannel.class).setParameter("bot", bot.id())
        .getResultList().stream().map(this::view).toList();
  }

  public ChannelView create(String botId, ChannelInput input) {
    Caller caller = callers.writer();
    WhatsAppInstance bot = InstanceAccess.visible(em, botId, caller);
    long count = em.createNamedQuery(NotificationChannel.OF_BOT, NotificationChannel.class).setParameter("bot", bot.id())
        .getResultList().size();
    if (count >= MAX_CHANNELS) {
      throw Invalid.of("channel", "a bot has at most " + MAX_CHANNELS + " notification channels");
    }
    if (input.type() == null) {
      throw Invalid.of("type", "is required: telegram, email or webhook");
    }
    NotificationChannel.Type type;
    try {
      type = NotificationChannel.Type.of(input.type());
    } catch (IllegalArgumentException e) {
      throw Invalid.of("type", "must be telegram, email or webhook");
    }
    byte[] id = new byte[6];
    RANDOM.nextBytes(id);
    NotificationChannel c = new NotificationChannel(HexFormat.of().formatHex(id), bot.id(), type, Instant.now());
    apply(c, input, Map.of(), caller, true);
    em.persist(c);
    changed.fire(new ChannelWants.Changed(bot.id()));
    audit.record(caller.username(), "notifications.create", bot.id(), AuditLog.details("channel", c.id(), "type", type.id()));
    return view(c);
  }

  public ChannelView update(String botId, String channelId, ChannelInput input) {
    Caller caller = callers.writer();
    NotificationChannel c = visible(botId, channelId, caller);
    if (input.type() != null && !input.type().equals(c.type().id())) {
      throw Invalid.of("type", "cannot change; delete the channel and add another");
    }
    apply(c, input, stored(c), caller, false);
    changed.fire(new ChannelWants.Changed(c.botId()));
    audit.record(caller.username(), "notifications.update", c.botId(), AuditLog.details("channel", c.id()));
    return view(c);
  }

  public void delete(String botId, String channelId) {
    Caller caller = callers.writer();
    NotificationChannel c = visible(botId, channelId, caller);
    em.createQuery("DELETE FROM PendingNotification p WHERE p.channelId = :c").setParameter("c", c.id()).executeUpdate();
    em.remove(c);
    changed.fire(new ChannelWants.Changed(c.botId()));
    audit.record(caller.username(), "notifications.delete", c.botId(), AuditLog.details("channel", c.id()));
  }

  /** Sends a test notice through the channel now; the answer says whether it went and, if not, why. */
  public ChannelView test(String botId, String channelId) {
    Caller caller = callers.writer();
    NotificationChannel c = visible(botId, channelId, caller);
    WhatsAppInstance bot = em.find(WhatsAppInstance.class, c.botId());
    Notice notice = new Notice("test", bot.id(), bot.name(), Instant.now(), "Test: " + bot.name(),
        "Test notice from the bot «" + bot.name() + "» (sent by " + caller.username() + "): this channel works.",
        link("/panel/bots?bot=" + bot.id()), Map.of("by", caller.username()));
    try {
      delivery.deliverNow(c, config(c), notice, "test-" + System.currentTimeMillis());
      c.delivered(Instant.now());
    } catch (DeliveryFailed e) {
      c.failed(e.getMessage(), Instant.now());
    }
    audit.record(caller.username(), "notifications.test", c.botId(), AuditLog.details("channel", c.id()));
    return view(c);
  }

  // ---------------------------------------------------------------- the system

  /** Queues the notice for every enabled channel of its bot that wants the event. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int raise(Notice notice) {
    return queue(wanting(notice.bot(), notice.event()), notice);
  }

  private int queue(List<NotificationChannel> channels, Notice notice) {
    for (NotificationChannel c : channels) {
      em.persist(new PendingNotification(c.id(), notice.event(), write(notice), Instant.now()));
    }
    if (!channels.isEmpty()) {
      delivery.wake();
    }
    return channels.size();
  }

  /**
   * The bot's enabled channels that want the event. Looked up before a notice is composed: most
   * events (every new lead of a busy bot) find none, and then cost one query, not the bot's row too.
   */
  private List<NotificationChannel> wanting(String bot, String event) {
    List<NotificationChannel> wanting = new ArrayList<>();
    for (NotificationChannel c : em.createNamedQuery(NotificationChannel.OF_BOT, NotificationChannel.class)
        .setParameter("bot", bot).getResultList()) {
      if (c.enabled() && events(c).contains(event)) {
        wanting.add(c);
      }
    }
    return wanting;
  }

  /**
   * The events the bot's enabled channels want (none for most bots): {@link ChannelWants} keeps
   * them, so that an event nobody wants costs no call here.
   */
  public Set<String> wantedEvents(String bot) {
    Set<String> wanted = new java.util.HashSet<>();
    for (NotificationChannel c : em.createNamedQuery(NotificationChannel.OF_BOT, NotificationChannel.class)
        .setParameter("bot", bot).getResultList()) {
      if (c.enabled()) {
        wanted.addAll(events(c));
      }
    }
    return wanted;
  }

  /** A customer newly needs a person (after the storing transaction: {@link ChannelWants}). */
  public void needsPerson(NeedsPerson e) {
    List<NotificationChannel> channels = wanting(e.bot(), NEEDS_PERSON);
    if (channels.isEmpty()) {
      return;
    }
    WhatsAppInstance bot = em.find(WhatsAppInstance.class, e.bot());
    String botName = bot == null ? e.bot() : bot.name();
    String who = (e.name() == null || e.name().isBlank() ? "" : e.name() + " ") + "+" + e.phone();
    String reason = switch (e.reason() == null ? "" : e.reason()) {
      case "asked_for_person" -> "asked for a person";
      case "contact_requested" -> "chose to contact a manager";
      case "ai_failed" -> "the AI could not answer";
      case "too_expensive" -> "found the quote too expensive";
      case "tz_failed" -> "is waiting for the requirements document the AI could not draft (the answers are kept)";
      default -> e.reason() == null ? "needs help" : e.reason();
    };
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("phone", e.phone());
    data.put("name", e.name());
    data.put("reason", e.reason());
    data.put("last_text", e.lastText());
    queue(channels, new Notice(NEEDS_PERSON, e.bot(), botName, e.at(), botName + ": a customer needs a person",
        "🙋 " + botName + ": " + who + " needs a person (" + reason + ")."
            + (e.lastText() == null ? "" : "\nLast message: «" + e.lastText() + "»"),
        link("/panel/conversations?bot=" + e.bot() + "&phone=" + e.phone()), data));
  }

  /**
   * The lead events of one stored batch of a bot's events, or a single one (after the storing
   * transaction: {@link ChannelWants}): the bot's channels are read once.
   */
  public void leadEvents(dev.wabots.leads.boundary.LeadEvent.Batch batch) {
    List<NotificationChannel> channels = em.createNamedQuery(NotificationChannel.OF_BOT, NotificationChannel.class)
        .setParameter("bot", batch.bot()).getResultList().stream().filter(NotificationChannel::enabled).toList();
    if (channels.isEmpty()) {
      return;
    }
    WhatsAppInstance bot = em.find(WhatsAppInstance.class, batch.bot());
    String botName = bot == null ? batch.bot() : bot.name();
    for (dev.wabots.leads.boundary.LeadEvent e : batch.events()) {
      List<NotificationChannel> wanting = channels.stream().filter(c -> events(c).contains(e.kind())).toList();
      if (!wanting.isEmpty()) {
        queue(wanting, leadNotice(e, botName));
      }
    }
  }

  private Notice leadNotice(dev.wabots.leads.boundary.LeadEvent e, String botName) {
    String who = (e.name() == null || e.name().isBlank() ? "" : e.name() + " ") + "+" + e.phone();
    String what = switch (e.kind()) {
      case NEW_LEAD -> "🆕 " + botName + ": new lead " + who;
      case QUOTE_SENT -> "🧾 " + botName + ": " + who + " got a quote" + (e.detail() == null ? "" : " (" + e.detail() + ")");
      case CHECKOUT -> "🛒 " + botName + ": " + who + " opened checkout";
      case PAID -> "💰 " + botName + ": " + who + " paid" + (e.detail() == null ? "" : " " + e.detail());
      default -> botName + ": " + e.kind() + " " + who;
    };
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("lead", e.leadId());
    data.put("phone", e.phone());
    if (e.name() != null) {
      data.put("name", e.name());
    }
    if (e.detail() != null) {
      data.put("detail", e.detail());
    }
    return new Notice(e.kind(), e.bot(), botName, e.at(), what.replaceAll("^\\S+ ", ""), what,
        link("/panel/leads?lead=" + e.leadId()), data);
  }

  /** A bot's own trouble: token refused, crash loop, AI failing. */
  public void botAlert(@Observes(during = TransactionPhase.AFTER_SUCCESS) BotAlert alert) {
    raiseAlert(alert);
  }

  /** As {@link #botAlert}, for callers outside a transaction's observers (the supervisor's threads). */
  public void raiseAlert(BotAlert alert) {
    WhatsAppInstance bot = em.find(WhatsAppInstance.class, alert.bot());
    String botName = bot == null ? alert.bot() : bot.name();
    String what = switch (alert.kind()) {
      case TOKEN_REFUSED -> "⛔ " + botName + ": Meta refused the access token; the bot sends nothing until it is replaced";
      case CRASH_LOOP -> "🔥 " + botName + ": crash loop, not restarted until started by hand";
      case AI_FAILING -> "⚠️ " + botName + ": the AI keeps failing; customers get the polite answer";
      default -> botName + ": " + alert.kind();
    };
    raise(new Notice(alert.kind(), alert.bot(), botName, alert.at(), what.replaceAll("^\\S+ ", ""),
        what + (alert.detail() == null ? "" : "\n" + alert.detail()), link("/panel/bots?bot=" + alert.bot()),
        Map.of("detail", alert.detail() == null ? "" : alert.detail())));
  }

  /** A deleted bot's channels go with it. */
  public void forgetBot(@Observes InstanceDeleted deleted) {
    for (NotificationChannel c : em.createNamedQuery(NotificationChannel.OF_BOT, NotificationChannel.class)
        .setParameter("bot", deleted.id()).getResultList()) {
      em.createQuery("DELETE FROM PendingNotification p WHERE p.channelId = :c").setParameter("c", c.id())
          .executeUpdate();
      em.remove(c);
    }
    changed.fire(new ChannelWants.Changed(deleted.id()));
  }

  // ---------------------------------------------------------------- settings

  /** The channel's settings, secrets opened (for delivering). */
  public ChannelConfig config(NotificationChannel c) {
    JsonNode s = read(c.config());
    return switch (c.type()) {
      case TELEGRAM -> new ChannelConfig.Telegram(open(c, "bot_token", s), s.path("chat_id").asText());
      case EMAIL -> new ChannelConfig.Email(s.path("host").asText(), s.path("port").asInt(587),
          s.path("security").asText("starttls"), text(s, "username"), open(c, "password", s), s.path("from").asText(),
          JSON.convertValue(s.path("to"), new TypeReference<List<String>>() {}));
      case WEBHOOK -> new ChannelConfig.Webhook(s.path("url").asText(), open(c, "secret", s));
    };
  }

  private void apply(NotificationChannel c, ChannelInput in, Map<String, Object> before, Caller caller, boolean fresh) {
    List<FieldError> errors = new ArrayList<>();
    String name = in.name() != null ? in.name().strip() : fresh ? c.type().id() : c.name();
    if (name.isEmpty() || name.length() > 80) {
      errors.add(new FieldError("name", "must be 1 to 80 characters"));
    }
    List<String> events = in.events() != null ? in.events() : fresh ? EVENTS : events(c);
    for (String e : events) {
      if (!EVENTS.contains(e)) {
        errors.add(new FieldError("events", "unknown event '" + e + "'; known: " + String.join(", ", EVENTS)));
      }
    }
    boolean enabled = in.enabled() != null ? in.enabled() : fresh || c.enabled();
    ObjectNode config = JSON.createObjectNode();
    switch (c.type()) {
      case TELEGRAM -> {
        refuseOthers(in, errors, c.type());
        String token = secretOf(in.botToken(), before, "bot_token", c);
        if (token == null || !TELEGRAM_TOKEN.matcher(token).matches()) {
          errors.add(new FieldError("bot_token", "must be the token @BotFather gave, e.g. 123456789:AA…"));
        }
        String chat = pick(in.chatId(), before, "chat_id");
        if (chat == null || !CHAT_ID.matcher(chat).matches()) {
          errors.add(new FieldError("chat_id", "must be a chat id (digits, may start with -) or @channelname"));
        }
        config.put("chat_id", chat);
        config.put("bot_token", token == null ? null : secrets.seal(purpose(c, "bot_token"), token));
      }
      case EMAIL -> {
        refuseOthers(in, errors, c.type());
        String host = pick(in.host(), before, "host");
        if (host == null || !HOST.matcher(host).matches()) {
          errors.add(new FieldError("host", "must be the SMTP server's host name"));
        }
        int smtpPort = in.port() != null ? in.port() : before.get("port") instanceof Number n ? n.intValue() : 587;
        if (smtpPort < 1 || smtpPort > 65535) {
          errors.add(new FieldError("port", "must be a port number from 1 to 65535"));
        }
        String security = pick(in.security(), before, "security");
        security = security == null ? "starttls" : security;
        if (!SECURITIES.contains(security)) {
          errors.add(new FieldError("security", "must be starttls, ssl or none"));
        }
        String from = pick(in.from(), before, "from");
        if (from == null || !EMAIL.matcher(from).matches()) {
          errors.add(new FieldError("from", "must be an e-mail address"));
        }
        @SuppressWarnings("unchecked")
        List<String> to = in.to() != null ? in.to() : before.get("to") instanceof List<?> l ? (List<String>) l : List.of();
        if (to.isEmpty() || to.size() > 20) {
          errors.add(new FieldError("to", "must list 1 to 20 e-mail addresses"));
        }
        for (int i = 0; i < to.size(); i++) {
          if (!EMAIL.matcher(to.get(i)).matches()) {
            errors.add(new FieldError("to[" + i + "]", "is not an e-mail address"));
          }
        }
        String username = pick(in.username(), before, "username");
        String password = secretOf(in.password(), before, "password", c);
        config.put("host", host);
        config.put("port", smtpPort);
        config.put("security", security);
        config.put("username", username == null || username.isBlank() ? null : username);
        config.put("password", password == null || password.isEmpty() ? null : secrets.seal(purpose(c, "password"), password));
        config.put("from", from);
        config.set("to", JSON.valueToTree(to));
        if (!caller.isAdmin() && host != null && errors.stream().noneMatch(e -> e.field().equals("host"))) {
          PublicAddresses.DNS.problem("smtp://" + host + ":" + smtpPort)
              .ifPresent(p -> errors.add(new FieldError("host", p)));
        }
      }
      case WEBHOOK -> {
        refuseOthers(in, errors, c.type());
        String url = pick(in.url(), before, "url");
        if (url == null || !url.matches("https?://[^\\s/?#]+(/[^\\s]*)?") || url.length() > 2000) {
          errors.add(new FieldError("url", "must be an http(s) URL"));
        } else if (!caller.isAdmin()) {
          PublicAddresses.DNS.problem(url).ifPresent(p -> errors.add(new FieldError("url", p)));
        }
        String secret = secretOf(in.secret(), before, "secret", c);
        if (secret == null || secret.length() < 16 || secret.length() > 256) {
          errors.add(new FieldError("secret", "must be 16 to 256 characters (the key of the HMAC-SHA256 signature)"));
        }
        config.put("url", url);
        config.put("secret", secret == null ? null : secrets.seal(purpose(c, "secret"), secret));
      }
      default -> throw new IllegalStateException("unreachable");
    }
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
    c.change(name, enabled, JSON.valueToTree(events).toString(), config.toString(),
        !caller.isAdmin(), Instant.now());
  }

  /** Settings that belong to another type of channel are refused, naming them. */
  private static void refuseOthers(ChannelInput in, List<FieldError> errors, NotificationChannel.Type type) {
    Map<String, Object> given = new LinkedHashMap<>();
    given.put("bot_token", in.botToken());
    given.put("chat_id", in.chatId());
    given.put("host", in.host());
    given.put("port", in.port());
    given.put("security", in.security());
    given.put("username", in.username());
    given.put("password", in.password());
    given.put("from", in.from());
    given.put("to", in.to());
    given.put("url", in.url());
    given.put("secret", in.secret());
    Set<String> own = switch (type) {
      case TELEGRAM -> Set.of("bot_token", "chat_id");
      case EMAIL -> Set.of("host", "port", "security", "username", "password", "from", "to");
      case WEBHOOK -> Set.of("url", "secret");
    };
    given.forEach((field, value) -> {
      if (value != null && !own.contains(field)) {
        errors.add(new FieldError(field, "is not a setting of a " + type.id() + " channel"));
      }
    });
  }

  private static String pick(String given, Map<String, Object> before, String key) {
    if (given != null) {
      return given.strip();
    }
    return before.get(key) instanceof String s ? s : null;
  }

  /** The new secret, or the stored one opened when none was given. */
  private String secretOf(String given, Map<String, Object> before, String key, NotificationChannel c) {
    if (given != null) {
      return given;
    }
    return before.get(key) instanceof String sealed ? secrets.open(purpose(c, key), sealed) : null;
  }

  private static String purpose(NotificationChannel c, String key) {
    return "notification." + c.id() + "." + key;
  }

  private String open(NotificationChannel c, String key, JsonNode settings) {
    String sealed = text(settings, key);
    return sealed == null ? null : secrets.open(purpose(c, key), sealed);
  }

  private static String text(JsonNode node, String key) {
    JsonNode v = node.path(key);
    return v.isTextual() ? v.asText() : null;
  }

  private Map<String, Object> stored(NotificationChannel c) {
    return JSON.convertValue(read(c.config()), new TypeReference<Map<String, Object>>() {});
  }

  static List<String> events(NotificationChannel c) {
    return JSON.convertValue(read(c.events()), new TypeReference<List<String>>() {});
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalStateException("a stored channel setting is not JSON", e);
    }
  }

  static String write(Notice notice) {
    try {
      return JSON.writeValueAsString(notice);
    } catch (JacksonException e) {
      throw new IllegalStateException(e);
    }
  }

  static Notice readNotice(String json) {
    try {
      return JSON.readValue(json, Notice.class);
    } catch (JacksonException e) {
      throw new IllegalStateException("a queued notice is not readable", e);
    }
  }

  private String link(String path) {
    String base = publicUrl.map(String::strip).filter(u -> !u.isEmpty()).orElse("http://localhost:" + port);
    return base.replaceAll("/+$", "") + path;
  }

  private NotificationChannel visible(String botId, String channelId, Caller caller) {
    WhatsAppInstance bot = InstanceAccess.visible(em, botId, caller);
    NotificationChannel c = em.find(NotificationChannel.class, channelId == null ? "" : channelId);
    if (c == null || !c.botId().equals(bot.id())) {
      throw new NotFound("notification channel", channelId);
    }
    return c;
  }

  private ChannelView view(NotificationChannel c) {
    Map<String, Object> settings = new LinkedHashMap<>(stored(c));
    for (String secret : List.of("bot_token", "password", "secret")) {
      if (settings.get(secret) instanceof String sealed) {
        settings.put(secret, InstanceView.mask(secrets.open(purpose(c, secret), sealed)));
        settings.put(secret + "_set", true);
      } else if (settings.containsKey(secret)) {
        settings.put(secret + "_set", false);
      }
    }
    long pending = em.createQuery("SELECT COUNT(p) FROM PendingNotification p WHERE p.channelId = :c", Long.class)
        .setParameter("c", c.id()).getSingleResult();
    return new ChannelView(c.id(), c.botId(), c.type().id(), c.name(), c.enabled(), events(c), settings,
        c.lastSuccessAt(), c.lastError(), c.lastErrorAt(), pending);
  }
}
