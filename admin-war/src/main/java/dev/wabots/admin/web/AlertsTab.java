package dev.wabots.admin.web;

import dev.wabots.instances.boundary.InstanceView;
import dev.wabots.notifications.boundary.ChannelInput;
import dev.wabots.notifications.boundary.ChannelView;
import dev.wabots.notifications.boundary.Notifications;
import dev.wabots.platform.DomainException;
import dev.wabots.platform.NotFound;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Alerts tab: the bot's notification channels (Telegram, e-mail, an outgoing webhook), the
 * events each wants, how its last deliveries went, a test button; one form adds a channel or
 * changes the chosen one (secrets write-only: empty keeps them). The rules and their messages are
 * the notifications boundary's, as in the API.
 */
@Named
@ViewScoped
public class AlertsTab extends BotTab {

  private static final long serialVersionUID = 1L;
  static final List<String> TYPES = List.of("telegram", "email", "webhook");
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");

  @Inject transient Notifications notifications;

  private List<ChannelView> channels = List.of();
  /** The channel being changed; null while adding one. */
  private ChannelView editing;
  private String type = "telegram";
  private String name;
  private boolean enabled = true;
  private List<String> events = new ArrayList<>(Notifications.EVENTS);
  private String botToken;
  private String chatId;
  private String host;
  private Integer port = 587;
  private String security = "starttls";
  private String username;
  private String password;
  private String from;
  private String to;
  private String url;
  private String secret;

  @Override
  protected void fill(InstanceView b) {
    load();
    reset();
  }

  private void load() {
    try {
      channels = notifications.list(bot.id());
    } catch (NotFound e) {
      channels = List.of();
    }
  }

  /** Back to an empty "add a channel" form. */
  public void reset() {
    editing = null;
    type = "telegram";
    name = null;
    enabled = true;
    events = new ArrayList<>(Notifications.EVENTS);
    botToken = chatId = host = username = password = from = to = url = secret = null;
    port = 587;
    security = "starttls";
  }

  /** Fills the form with a channel to change. */
  public void edit(String channelId) {
    reset();
    for (ChannelView c : channels) {
      if (c.id().equals(channelId)) {
        editing = c;
        type = c.type();
        name = c.name();
        enabled = c.enabled();
        events = new ArrayList<>(c.events());
        chatId = text(c, "chat_id");
        host = text(c, "host");
        port = c.settings().get("port") instanceof Number n ? n.intValue() : 587;
        security = text(c, "security");
        username = text(c, "username");
        from = text(c, "from");
        to = c.settings().get("to") instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList()) : null;
        url = text(c, "url");
      }
    }
  }

  public void save() {
    if (bot == null) {
      return;
    }
    ChannelInput input = input();
    try {
      ChannelView saved = editing == null ? notifications.create(bot.id(), input)
          : notifications.update(bot.id(), editing.id(), input);
      load();
      reset();
      feedback.done("alerts.saved", saved.name());
    } catch (NotFound e) {
      load();
      feedback.problem("alerts.gone");
    } catch (DomainException e) {
      feedback.refusedAsApi(e);
    }
  }

  /** What the form says, in the boundary's terms: only the chosen type's settings; empty secrets keep. */
  ChannelInput input() {
    boolean telegram = type.equals("telegram");
    boolean email = type.equals("email");
    boolean webhook = type.equals("webhook");
    return new ChannelInput(editing == null ? type : null, blank(name), enabled, List.copyOf(events),
        telegram ? blank(botToken) : null, telegram ? orEmpty(chatId) : null,
        email ? orEmpty(host) : null, email ? port : null, email ? security : null, email ? orEmpty(username) : null,
        email ? blank(password) : null, email ? orEmpty(from) : null, email ? addresses(to) : null,
        webhook ? orEmpty(url) : null, webhook ? blank(secret) : null);
  }

  /** {@code a@x.org, b@y.org; c@z.org} → the addresses. */
  static List<String> addresses(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return Arrays.stream(text.split("[,;\\s]+")).filter(s -> !s.isBlank()).toList();
  }

  public void test(String channelId) {
    try {
      ChannelView tested = notifications.test(bot.id(), channelId);
      load();
      if (tested.lastError() != null && (tested.lastSuccessAt() == null
          || tested.lastErrorAt() != null && tested.lastErrorAt().isAfter(tested.lastSuccessAt()))) {
        feedback.problem("alerts.test.failed", tested.lastError());
      } else {
        feedback.done("alerts.test.sent", tested.name());
      }
    } catch (NotFound e) {
      load();
      feedback.problem("alerts.gone");
    } catch (DomainException e) {
      feedback.refused(e);
    }
  }

  public void delete(String channelId) {
    try {
      notifications.delete(bot.id(), channelId);
      if (editing != null && editing.id().equals(channelId)) {
        reset();
      }
      load();
      feedback.done("alerts.deleted");
    } catch (NotFound e) {
      load();
      feedback.problem("alerts.gone");
    } catch (DomainException e) {
      feedback.refused(e);
    }
  }

  /** A setting of a channel as the list shows it (secrets come masked from the boundary). */
  public String setting(ChannelView c) {
    return switch (c.type()) {
      case "telegram" -> "chat " + text(c, "chat_id");
      case "email" -> text(c, "host") + " → " + (c.settings().get("to") instanceof List<?> l
          ? String.join(", ", l.stream().map(String::valueOf).toList()) : "");
      default -> text(c, "url");
    };
  }

  public String when(java.time.Instant at) {
    return at == null ? "" : WHEN.format(at.atZone(ZoneId.systemDefault()));
  }

  private static String text(ChannelView c, String key) {
    Object v = c.settings().get(key);
    return v == null ? null : v.toString();
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  public List<ChannelView> getChannels() {
    return channels;
  }

  public List<String> getTypes() {
    return TYPES;
  }

  public List<String> getAllEvents() {
    return Notifications.EVENTS;
  }

  public boolean isEditingExisting() {
    return editing != null;
  }

  /** Whether the channel being changed has the secret of the chosen type set. */
  public boolean secretSet(String key) {
    return editing != null && Boolean.TRUE.equals(editing.settings().get(key + "_set"));
  }

  public String mask(String key) {
    return editing == null || editing.settings().get(key) == null ? "" : editing.settings().get(key).toString();
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public List<String> getEvents() {
    return events;
  }

  public void setEvents(List<String> events) {
    this.events = events == null ? new ArrayList<>() : new ArrayList<>(events);
  }

  public String getBotToken() {
    return botToken;
  }

  public void setBotToken(String botToken) {
    this.botToken = botToken;
  }

  public String getChatId() {
    return chatId;
  }

  public void setChatId(String chatId) {
    this.chatId = chatId;
  }

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }

  public String getSecurity() {
    return security;
  }

  public void setSecurity(String security) {
    this.security = security;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public String getTo() {
    return to;
  }

  public void setTo(String to) {
    this.to = to;
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public String getSecret() {
    return secret;
  }

  public void setSecret(String secret) {
    this.secret = secret;
  }
}
