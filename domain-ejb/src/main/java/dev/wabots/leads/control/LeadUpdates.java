package dev.wabots.leads.control;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wabots.contract.BotEvent;
import dev.wabots.contract.CustomerState;
import dev.wabots.conversations.control.EventRows;
import dev.wabots.leads.boundary.LeadEvent;
import dev.wabots.leads.entity.Lead;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Keeps leads up to date from a bot's funnel events, inside the transaction that stores them: the
 * customer's answers after each step, the path they took, the quote, checkout and payment link.
 */
@ApplicationScoped
public class LeadUpdates {

  static final ObjectMapper JSON = new ObjectMapper();
  /** The funnel's events naming the path a customer took (docs/FUNNEL.md). */
  static final Map<String, String> PATHS = Map.of("diy_path_entered", "diy", "basic_path_entered", "basic",
      "custom_path_entered", "custom", "faq_opened", "faq");

  @PersistenceContext EntityManager em;

  /**
   * A funnel step of the customer {@code phone} ({@code name} as their conversation knows it); a
   * new lead's row goes in through the batch's {@code rows} (no flush, see {@link EventRows}),
   * {@code known} holds the batch's leads by phone (null: the customer has none; absent: not looked
   * up yet), {@code created} the phones whose lead {@link #ofOrNew} inserted for this batch (the
   * first step of each announces the new lead), and what the owner may want to hear of goes to
   * {@code raised} (the batch fires them together).
   */
  public void step(EventRows rows, Map<String, Lead> known, Set<String> created, String bot, String phone,
      String name, BotEvent.FunnelStep step, Instant at, Consumer<LeadEvent> raised) {
    Lead lead = known.containsKey(phone) ? known.get(phone) : find(bot, phone);
    boolean fresh = lead == null || created.remove(phone);
    if (lead == null) {
      lead = em.find(Lead.class, rows.lead(bot, phone, at));
    }
    known.put(phone, lead);
    CustomerState c = step.customer();
    if (c != null) {
      Map<String, Object> quiz = new LinkedHashMap<>();
      put(quiz, "tech", c.quizTech());
      put(quiz, "infra", c.quizInfra());
      Map<String, Object> discovery = new LinkedHashMap<>();
      put(discovery, "task", c.task());
      put(discovery, "volume", c.volume());
      if (!c.integrations().isEmpty()) {
        discovery.put("integrations", c.integrations());
      }
      put(discovery, "timeline", c.timeline());
      put(discovery, "budget", c.budget());
      if (c.discoveryCompleted()) {
        discovery.put("completed", true);
      }
      lead.answers(name, c.segment(), c.subSegment(), json(quiz), json(discovery), json(c.requirements()), step.stage(),
          at);
    } else {
      lead.answers(name, step.segment(), null, lead.quiz(), lead.discovery(), lead.requirements(), step.stage(), at);
    }
    Map<String, Object> data = step.data() == null ? Map.of() : step.data();
    String path = PATHS.get(step.event());
    if (path != null && !(path.equals("faq") && lead.path() != null)) {
      lead.entered(path);
    }
    switch (step.event()) {
      case "gpu_selected" -> lead.gpu(String.valueOf(data.get("gpu")));
      case "gpu_custom_input" -> lead.gpu(String.valueOf(data.get("text")));
      case "quote_sent" -> {
        lead.quoted(number(data.get("total_min")), number(data.get("total_max")), json(data));
        raised.accept(new LeadEvent("quote_sent", bot, lead.id(), phone, lead.name(),
            lead.quoteLow() + "–" + lead.quoteHigh() + " ₽", at));
      }
      case "checkout_started" -> {
        lead.checkout(at);
        raised.accept(new LeadEvent("checkout", bot, lead.id(), phone, lead.name(), null, at));
      }
      case "payment_link_sent" -> {
        lead.checkout(at);
        lead.paymentLinkSent(number(data.get("amount")), String.valueOf(data.get("label")), at);
      }
      default -> {
        // other events change the answers only
      }
    }
    if (fresh) {
      raised.accept(new LeadEvent("new_lead", bot, lead.id(), phone, lead.name(), null, at));
    }
  }

  /** The leads of these customers that exist, by phone, and null for those that have none. */
  public Map<String, Lead> of(String bot, Collection<String> phones) {
    Map<String, Lead> found = new HashMap<>();
    phones.forEach(phone -> found.put(phone, null));
    em.createNamedQuery(Lead.OF_PHONES, Lead.class).setParameter("bot", bot).setParameter("phones", List.copyOf(phones))
        .setFlushMode(FlushModeType.COMMIT).getResultList().forEach(l -> found.put(l.phone(), l));
    return found;
  }

  /**
   * The leads of the customers in {@code firstStep} by phone, a new one for each customer who has
   * none (inserted now, first seen at the customer's time in the map; their phones go to {@code
   * created}). Two queries for the whole batch: read back one by one, new leads were a sixth of the
   * orchestrator's event work in a profile of new customers arriving (BENCHMARKS.md).
   */
  public Map<String, Lead> ofOrNew(EventRows rows, String bot, Map<String, Instant> firstStep, Set<String> created) {
    Map<String, Lead> leads = of(bot, firstStep.keySet());
    List<Long> inserted = new ArrayList<>();
    firstStep.forEach((phone, at) -> {
      if (leads.get(phone) == null) {
        inserted.add(rows.lead(bot, phone, at));
      }
    });
    if (!inserted.isEmpty()) {
      for (Lead l : em.createNamedQuery(Lead.WITH_IDS, Lead.class).setParameter("ids", inserted)
          .setFlushMode(FlushModeType.COMMIT).getResultList()) {
        leads.put(l.phone(), l);
        created.add(l.phone());
      }
    }
    return leads;
  }

  /** The requirements document the bot's AI drafted for the customer (or why there is none). */
  public void requirementsDraft(String bot, String phone, BotEvent.RequirementsDraft draft, Instant at) {
    Lead lead = find(bot, phone);
    if (lead == null) {
      // the questionnaire's funnel steps come first in the stream; a lead erased since has no draft either
      return;
    }
    lead.requirementsDrafted(draft.outcome(), draft.document(), draft.summary(), json(draft.answers()), at);
  }

  /**
   * The customer's lead, or null. COMMIT: a lead created in this transaction was inserted at once,
   * and a flush before every look-up would compare the whole persistence context again (one
   * batch of the event stream holds hundreds of customers).
   */
  private Lead find(String bot, String phone) {
    return em.createNamedQuery(Lead.OF, Lead.class).setParameter("bot", bot).setParameter("phone", phone)
        .setFlushMode(FlushModeType.COMMIT).getResultStream().findFirst().orElse(null);
  }

  /** Everything about the customer goes (erased on request). */
  public void forget(String bot, String phone) {
    em.createQuery("DELETE FROM Lead l WHERE l.botId = :bot AND l.phone = :phone").setParameter("bot", bot)
        .setParameter("phone", phone).executeUpdate();
  }

  private static void put(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static long number(Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    try {
      return value == null ? 0 : Long.parseLong(value.toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JacksonException e) {
      throw new IllegalStateException(e);
    }
  }
}
