package dev.wabots.conversations.boundary;

import dev.wabots.audit.boundary.AuditLog;
import dev.wabots.contract.BotCommand;
import dev.wabots.contract.CommandResult;
import dev.wabots.contract.ContractException;
import dev.wabots.contract.ContractJson;
import dev.wabots.conversations.entity.Conversation;
import dev.wabots.conversations.entity.ConversationMessage;
import dev.wabots.instances.boundary.InstanceDeleted;
import dev.wabots.instances.control.InstanceAccess;
import dev.wabots.instances.entity.WhatsAppInstance;
import dev.wabots.platform.Conflict;
import dev.wabots.platform.Invalid;
import dev.wabots.platform.NotFound;
import dev.wabots.platform.Unavailable;
import dev.wabots.processes.boundary.BotProcesses;
import dev.wabots.processes.control.BotHttp;
import dev.wabots.security.Caller;
import dev.wabots.security.Callers;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every conversation of every bot, for the people who own the bot: the list, the thread, and what
 * a person does — take over, reply, send a template, hand back, erase the customer. Admins and
 * guests see all bots; users and web users their own; guests read only. Every action is audited
 * with the person's name; the bot carries it out (its Graph client, window rules, exactly once).
 */
@Stateless
public class Conversations {

  public static final int MAX_PAGE_SIZE = 200;
  public static final int MAX_MESSAGES = 1000;
  static final Set<String> STATES = Set.of("bot", "needs_person", "with_person");

  @PersistenceContext EntityManager em;

  @Inject Callers callers;

  @Inject BotProcesses processes;

  @Inject AuditLog audit;

  @Inject dev.wabots.conversations.control.DeliveryLag lag;

  /**
   * Conversations, newest activity first.
   *
   * @param bot only this bot's (null: all the caller sees)
   * @param state {@code bot}, {@code needs_person} or {@code with_person} (null: any)
   * @param q part of the phone number or the customer's name
   */
  public ConversationPage list(String bot, String state, String q, int page, int size) {
    Caller caller = callers.current();
    List<String> problems = new ArrayList<>();
    if (state != null && !state.isBlank() && !STATES.contains(state)) {
      throw Invalid.of("state", "must be one of bot, needs_person, with_person");
    }
    if (page < 0) {
      throw Invalid.of("page", "must be 0 or more");
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw Invalid.of("size", "must be from 1 to " + MAX_PAGE_SIZE);
    }
    if (bot != null && !bot.isBlank()) {
      InstanceAccess.visible(em, bot, caller);
    }
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    Map<String, Object> params = new HashMap<>();
    if (!caller.role().seesEveryBot()) {
      where.append(" AND c.botId IN (SELECT i.id FROM WhatsAppInstance i WHERE i.ownerId = :owner)");
      params.put("owner", caller.userId());
    }
    if (bot != null && !bot.isBlank()) {
      where.append(" AND c.botId = :bot");
      params.put("bot", bot);
    }
    if (state != null && !state.isBlank()) {
      where.append(" AND c.state = :state");
      params.put("state", state);
    }
    if (q != null && !q.isBlank()) {
      String digits = q.replaceAll("[^0-9]", "");
      String text = "%" + q.strip().toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%";
      where.append(" AND (LOWER(c.name) LIKE :text").append(digits.isEmpty() ? "" : " OR c.phone LIKE :digits")
          .append(")");
      params.put("text", text);
      if (!digits.isEmpty()) {
        params.put("digits", "%" + digits + "%");
      }
    }
    TypedQuery<Long> count = em.createQuery("SELECT COUNT(c) FROM Conversation c" + where, Long.class);
    TypedQuery<Conversation> rows = em.createQuery(
        "SELECT c FROM Conversation c" + where + " ORDER BY c.lastMessageAt DESC, c.id DESC", Conversation.class);
    params.forEach((k, v) -> {
      count.setParameter(k, v);
      rows.setParameter(k, v);
    });
    long total = count.getSingleResult();
    List<Conversation> found = rows.setFirstResult(page * size).setMaxResults(size).getResultList();
    Map<String, String> names = new HashMap<>();
    List<ConversationView> items = found.stream().map(c -> view(c, names.computeIfAbsent(c.botId(), this::botName)))
        .toList();
    return new ConversationPage(items, total);
  }

  /** One conversation's row. */
  public ConversationView get(String bot, String phone) {
    Conversation c = visible(bot, phone, callers.current());
    return view(c, botName(bot));
  }

  /**
   * The thread, oldest first, after message {@code after} (0: from the start), at most {@link
   * #MAX_MESSAGES}; a person who may answer has read it then.
   */
  /**
   * What speech to text heard in the customer's voice notes, by message id (for the test chat,
   * whose bubbles come from the sandbox); empty while there is no conversation yet.
   */
  public Map<String, String> transcripts(String bot, String phone) {
    InstanceAccess.visible(em, bot, callers.current());
    Optional<Conversation> c = em.createNamedQuery(Conversation.OF, Conversation.class).setParameter("bot", bot)
        .setParameter("phone", phone).getResultStream().findFirst();
    if (c.isEmpty()) {
      return Map.of();
    }
    Map<String, String> heard = new HashMap<>();
    em.createQuery("SELECT m.wamid, m.transcript FROM ConversationMessage m WHERE m.conversationId = :c"
            + " AND m.transcript IS NOT NULL AND m.wamid IS NOT NULL", Object[].class)
        .setParameter("c", c.get().id()).getResultList()
        .forEach(row -> heard.put((String) row[0], (String) row[1]));
    return heard;
  }

  /** A customer's file of this conversation, from the bot that keeps it: content type and bytes. */
  public record MediaFile(String contentType, String filename, byte[] data) {}

  /**
   * The file of message {@code wamid} of the conversation, for anyone who may see it; fetched from
   * the bot (which must be running).
   *
   * @throws dev.wabots.platform.NotFound no such file in this conversation, or removed by now
   */
  public MediaFile media(String bot, String phone, String wamid) {
    Conversation c = visible(bot, phone, callers.current());
    ConversationMessage m = em.createQuery(
            "SELECT m FROM ConversationMessage m WHERE m.conversationId = :c AND m.wamid = :w AND m.media IS NOT NULL",
            ConversationMessage.class)
        .setParameter("c", c.id()).setParameter("w", wamid).getResultStream().findFirst()
        .orElseThrow(() -> new dev.wabots.platform.NotFound("media", wamid));
    dev.wabots.processes.control.BotHttp.Bytes file = processes.fetchFromBot(bot,
        "/internal/media?wamid=" + java.net.URLEncoder.encode(wamid, java.nio.charset.StandardCharsets.UTF_8));
    if (file.status() == 404) {
      throw new dev.wabots.platform.NotFound("media", wamid);
    }
    if (file.status() != 200) {
      throw new dev.wabots.platform.Unavailable("bot '" + bot + "' answered " + file.status() + " for the file");
    }
    MessageMedia described = dev.wabots.contract.ContractJson.read(m.media(), MessageMedia.class);
    return new MediaFile(file.contentType(), described.filename(), file.body());
  }

  private static MessageMedia media(String bot, String phone, ConversationMessage m) {
    if (m.media() == null) {
      return null;
    }
    MessageMedia stored = dev.wabots.contract.ContractJson.read(m.media(), MessageMedia.class);
    String url = "stored".equals(stored.state()) && m.wamid() != null
        ? "/admin/conversations/" + bot + "/" + phone + "/media/" + m.wamid() : null;
    return new MessageMedia(stored.type(), stored.mimeType(), stored.filename(), stored.size(), stored.state(),
        stored.refusal(), url);
  }

  public List<MessageView> messages(String bot, String phone, long after) {
    Caller caller = callers.current();
    if (after < 0) {
      throw Invalid.of("after", "must be 0 or more");
    }
    Conversation c = visible(bot, phone, caller);
    List<MessageView> messages = em.createQuery(
            "SELECT m FROM ConversationMessage m WHERE m.conversationId = :c AND m.id > :after ORDER BY m.id",
            ConversationMessage.class)
        .setParameter("c", c.id()).setParameter("after", after).setMaxResults(MAX_MESSAGES).getResultList().stream()
        .map(m -> new MessageView(m.id(), m.direction(), m.author(), m.at(), m.type(), m.text(), m.payload(),
            media(bot, phone, m), m.transcript(), m.wamid()))
        .toList();
    if (caller.role().mayWrite() && c.unread() > 0) {
      c.read();
    }
    return messages;
  }

  /** A person takes the conversation over: the bot goes silent for this customer. */
  public String takeOver(String bot, String phone) {
    Caller caller = callers.writer();
    visible(bot, phone, caller);
    CommandResult r = command(bot, new BotCommand.TakeOver(phone, caller.username()));
    audit.record(caller.username(), "conversation.take_over", bot, AuditLog.details("phone", phone));
    return r.message();
  }

  /** Back to the bot, which greets the customer with the menu. */
  public String handBack(String bot, String phone) {
    Caller caller = callers.writer();
    visible(bot, phone, caller);
    CommandResult r = command(bot, new BotCommand.HandBack(phone, caller.username(), "operator"));
    audit.record(caller.username(), "conversation.hand_back", bot, AuditLog.details("phone", phone));
    return r.message();
  }

  /** A reply from the person (free text; it takes the conversation over). Refused outside the 24-hour window. */
  public String reply(String bot, String phone, String text) {
    Caller caller = callers.writer();
    visible(bot, phone, caller);
    if (text == null || text.isBlank()) {
      throw Invalid.of("text", "is required");
    }
    CommandResult r = command(bot, new BotCommand.Reply(phone, caller.username(), text));
    audit.record(caller.username(), "conversation.reply", bot, AuditLog.details("phone", phone, "chars", text.length()));
    return r.message();
  }

  /** An approved template (allowed outside the window). */
  public String sendTemplate(String bot, String phone, String name, String language, List<String> parameters) {
    Caller caller = callers.writer();
    visible(bot, phone, caller);
    if (name == null || !name.matches("[a-z0-9_]{1,512}")) {
      throw Invalid.of("template.name", "must be a template name (lower-case letters, digits and _)");
    }
    if (language == null || !language.matches("[a-z]{2,3}(_[A-Z]{2})?")) {
      throw Invalid.of("template.language", "must be a language code such as ru or en_US");
    }
    CommandResult r = command(bot, new BotCommand.SendTemplate(phone, caller.username(), name, language, parameters));
    audit.record(caller.username(), "conversation.template", bot, AuditLog.details("phone", phone, "template", name));
    return r.message();
  }

  /** Erases the customer everywhere: the bot forgets them, then (through its event) the orchestrator. */
  public void erase(String bot, String phone) {
    Caller caller = callers.writer();
    Conversation c = visible(bot, phone, caller);
    command(bot, new BotCommand.Erase(phone, caller.username()));
    em.createQuery("DELETE FROM ConversationMessage m WHERE m.conversationId = :c").setParameter("c", c.id())
        .executeUpdate();
    em.createQuery("DELETE FROM FunnelEventRecord f WHERE f.conversationId = :c").setParameter("c", c.id())
        .executeUpdate();
    em.remove(c);
    em.createQuery("DELETE FROM Lead l WHERE l.botId = :bot AND l.phone = :phone").setParameter("bot", bot)
        .setParameter("phone", phone).executeUpdate();
    audit.record(caller.username(), "conversation.erase", bot, AuditLog.details("phone", phone));
  }

  /** How many customers of each visible bot wait for a person. */
  public Map<String, Long> waitingByBot() {
    Caller caller = callers.current();
    String owned = caller.role().seesEveryBot() ? ""
        : " AND c.botId IN (SELECT i.id FROM WhatsAppInstance i WHERE i.ownerId = :owner)";
    TypedQuery<Object[]> q = em.createQuery("SELECT c.botId, COUNT(c) FROM Conversation c WHERE c.state = :state"
        + owned + " GROUP BY c.botId", Object[].class).setParameter("state", "needs_person");
    if (!caller.role().seesEveryBot()) {
      q.setParameter("owner", caller.userId());
    }
    Map<String, Long> waiting = new HashMap<>();
    q.getResultList().forEach(r -> waiting.put((String) r[0], (Long) r[1]));
    return waiting;
  }

  /** How long events took from the bots to here (admins; {@code reset} starts counting again). */
  public dev.wabots.conversations.control.DeliveryLag.Figures deliveryLag(boolean reset) {
    callers.admin();
    var figures = lag.figures();
    if (reset) {
      lag.reset();
    }
    return figures;
  }

  /** A deleted bot's conversations go with it. */
  public void forgetBot(@Observes InstanceDeleted deleted) {
    List<Long> ids = em.createQuery("SELECT c.id FROM Conversation c WHERE c.botId = :bot", Long.class)
        .setParameter("bot", deleted.id()).getResultList();
    for (Long id : ids) {
      em.createQuery("DELETE FROM ConversationMessage m WHERE m.conversationId = :c").setParameter("c", id).executeUpdate();
      em.createQuery("DELETE FROM FunnelEventRecord f WHERE f.conversationId = :c").setParameter("c", id).executeUpdate();
    }
    em.createNamedQuery(Conversation.DELETE_OF_BOT).setParameter("bot", deleted.id()).executeUpdate();
    em.createQuery("DELETE FROM EventStream s WHERE s.botId = :bot").setParameter("bot", deleted.id()).executeUpdate();
    em.createQuery("DELETE FROM Lead l WHERE l.botId = :bot").setParameter("bot", deleted.id()).executeUpdate();
  }

  private CommandResult command(String bot, BotCommand command) {
    BotHttp.Answer answer = processes.callBot(bot, "/internal/commands", ContractJson.write(command));
    CommandResult result;
    try {
      result = ContractJson.read(answer.body(), CommandResult.class);
    } catch (ContractException e) {
      throw new Unavailable("bot '" + bot + "' answered HTTP " + answer.status() + " without a result");
    }
    if (answer.status() == 409 || (!result.done() && answer.status() == 200)) {
      throw new Conflict(result.message() == null ? "refused: " + result.error() : result.message(),
          List.of(new dev.wabots.platform.FieldError(result.error() == null ? "command" : result.error(),
              result.message() == null ? "refused" : result.message())));
    }
    if (answer.status() == 400) {
      throw Invalid.of("command", answer.body());
    }
    if (answer.status() != 200) {
      throw new Unavailable("bot '" + bot + "' could not do it (HTTP " + answer.status() + ")");
    }
    return result;
  }

  private Conversation visible(String bot, String phone, Caller caller) {
    InstanceAccess.visible(em, bot, caller);
    return em.createNamedQuery(Conversation.OF, Conversation.class).setParameter("bot", bot).setParameter("phone", phone)
        .getResultStream().findFirst().orElseThrow(() -> new NotFound("conversation", bot + "/" + phone));
  }

  private String botName(String id) {
    WhatsAppInstance bot = em.find(WhatsAppInstance.class, id);
    return bot == null ? id : bot.name();
  }

  static ConversationView view(Conversation c, String botName) {
    return new ConversationView(c.botId(), botName, c.phone(), c.name(), c.state().id(), c.operator(), c.reason(),
        c.needsPersonSince(), c.lastMessageAt(), c.lastText(), c.lastDirection(), c.lastInboundAt(), c.unread(), c.stage(),
        c.segment(), c.sandbox(), c.messageCount());
  }
}
