package dev.wabots.conversations.boundary;

import dev.wabots.contract.BotEvent;
import dev.wabots.contract.ContractJson;
import dev.wabots.contract.EventAck;
import dev.wabots.contract.EventBatch;
import dev.wabots.conversations.control.EventRows;
import dev.wabots.conversations.entity.Conversation;
import dev.wabots.conversations.entity.ConversationMessage;
import dev.wabots.conversations.entity.EventStream;
import dev.wabots.instances.entity.WhatsAppInstance;
import dev.wabots.leads.boundary.LeadEvent;
import dev.wabots.leads.entity.Lead;
import dev.wabots.notifications.boundary.BotAlert;
import dev.wabots.platform.Forbidden;
import dev.wabots.platform.Invalid;
import dev.wabots.security.BotCallers;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Takes a bot's conversation events ({@code POST /internal/events}): stores each new event of the
 * bot's stream once, in order — duplicates (a batch delivered again after a lost answer) are
 * acknowledged and ignored — and keeps the conversations the panel lists up to date.
 */
@Stateless
public class ConversationEvents {

  private static final Logger LOG = System.getLogger(ConversationEvents.class.getName());

  @PersistenceContext EntityManager em;

  @Inject BotCallers bots;

  @Inject Event<NeedsPerson> needsPerson;

  @Inject Event<BotAlert> alerts;

  @Inject Event<LeadEvent.Batch> leadEvents;

  @Inject dev.wabots.leads.control.LeadUpdates leads;

  @Inject dev.wabots.conversations.control.DeliveryLag deliveryLag;

  /** Stores the batch of the calling bot; everything up to the answer's {@code upTo} is safe. */
  public EventAck accept(EventBatch batch) {
    String bot = bots.callingBot();
    if (batch.bot() != null && !batch.bot().equals(bot)) {
      throw new Forbidden("a bot may only deliver its own events");
    }
    if (batch.stream() == null || batch.stream().isBlank()) {
      throw Invalid.of("stream", "is required");
    }
    Instant now = Instant.now();
    deliveryLag.batch();
    EventRows rows = EventRows.of(em);
    rows.writeFirst();
    EventStream progress = em.find(EventStream.class, bot);
    if (progress == null) {
      progress = new EventStream(bot, batch.stream(), now);
      em.persist(progress);
    } else if (!progress.stream().equals(batch.stream())) {
      LOG.log(Level.INFO, "Bot {0} delivers a new event stream (its database was replaced): numbering starts again", bot);
      progress.restart(batch.stream());
    }
    WhatsAppInstance instance = em.find(WhatsAppInstance.class, bot);
    boolean sandbox = instance == null || instance.mode() != WhatsAppInstance.Mode.LIVE;
    long upTo = progress.lastSeq();
    try (Batch work = new Batch(rows)) {
      if (batch.events().stream().noneMatch(e -> e.body() instanceof BotEvent.Erased)) {
        prepare(bot, sandbox, batch.events(), progress, work);
      }
      for (BotEvent event : batch.events()) {
        if (!progress.isNew(event.seq())) {
          continue; // delivered before
        }
        if (upTo > 0 && event.seq() != upTo + 1) {
          LOG.log(Level.WARNING, "Bot {0}: events {1}..{2} are missing from its stream", bot, upTo + 1,
              event.seq() - 1);
        }
        apply(bot, sandbox, event, work);
        upTo = event.seq();
        long lag = event.at() == null ? 0 : Math.max(0, Duration.between(event.at(), Instant.now()).toMillis());
        progress.stored(upTo, now, lag);
        deliveryLag.record(bot, lag);
      }
      if (!work.leadEvents.isEmpty()) {
        leadEvents.fire(new LeadEvent.Batch(bot, List.copyOf(work.leadEvents)));
      }
    }
    return new EventAck(batch.stream(), progress.lastSeq());
  }

  /**
   * One batch's working set: its conversations and leads by phone (managed, written by JPA once at
   * the commit), the plain inserts of everything else ({@link EventRows}) and the lead events it
   * raised (fired together at its end).
   */
  private static final class Batch implements AutoCloseable {
    final Map<String, Conversation> conversations = new HashMap<>();
    /** The customers' leads by phone; a phone mapped to null has none (looked up already). */
    final Map<String, Lead> leads = new HashMap<>();
    /** The customers whose lead this batch inserted, until their first step has announced it. */
    final Set<String> createdLeads = new HashSet<>();
    final List<LeadEvent> leadEvents = new ArrayList<>();
    final EventRows rows;

    Batch(EventRows rows) {
      this.rows = rows;
    }

    @Override
    public void close() {
      rows.close();
    }
  }

  /**
   * Looks the batch's conversations and leads up with one query each and inserts the missing
   * conversations and leads (read back with one more query each) before the events are applied: a
   * look-up per customer was most of the time a batch of hundreds of new customers held the event
   * queue. A batch that erases a customer skips this; its events find and create their
   * conversations one by one.
   */
  private void prepare(String bot, boolean sandbox, List<BotEvent> events, EventStream progress, Batch work) {
    Map<String, Instant> firstAt = new LinkedHashMap<>();
    Map<String, Instant> firstStep = new LinkedHashMap<>(); // new leads numbered in the order of the events
    for (BotEvent e : events) {
      if (progress.isNew(e.seq()) && e.body() != null && !(e.body() instanceof BotEvent.Alert) && e.phone() != null
          && !e.phone().isEmpty()) {
        Instant at = e.at() == null ? Instant.now() : e.at();
        firstAt.putIfAbsent(e.phone(), at);
        if (e.body() instanceof BotEvent.FunnelStep) {
          firstStep.putIfAbsent(e.phone(), at);
        }
      }
    }
    if (firstAt.isEmpty()) {
      return;
    }
    for (Conversation c : em.createNamedQuery(Conversation.OF_PHONES, Conversation.class).setParameter("bot", bot)
        .setParameter("phones", List.copyOf(firstAt.keySet())).setFlushMode(FlushModeType.COMMIT).getResultList()) {
      work.conversations.put(c.phone(), c);
    }
    List<Long> created = new ArrayList<>();
    firstAt.forEach((phone, at) -> {
      if (!work.conversations.containsKey(phone)) {
        created.add(work.rows.conversation(bot, phone, sandbox, at));
      }
    });
    if (!created.isEmpty()) {
      for (Conversation c : em.createNamedQuery(Conversation.WITH_IDS, Conversation.class).setParameter("ids", created)
          .setFlushMode(FlushModeType.COMMIT).getResultList()) {
        work.conversations.put(c.phone(), c);
      }
    }
    if (!firstStep.isEmpty()) {
      work.leads.putAll(leads.ofOrNew(work.rows, bot, firstStep, work.createdLeads));
    }
  }

  private void apply(String bot, boolean sandbox, BotEvent event, Batch cache) {
    if (event.body() instanceof BotEvent.Alert alert) {
      alerts.fire(new BotAlert(bot, alert.kind(), alert.detail(), event.at() == null ? Instant.now() : event.at()));
      return;
    }
    if (event.phone() == null || event.phone().isEmpty() || event.body() == null) {
      return;
    }
    if (event.body() instanceof BotEvent.Erased erased) {
      Conversation gone = find(bot, event.phone());
      if (gone != null) {
        em.createQuery("DELETE FROM ConversationMessage m WHERE m.conversationId = :c").setParameter("c", gone.id())
            .executeUpdate();
        em.createQuery("DELETE FROM FunnelEventRecord f WHERE f.conversationId = :c").setParameter("c", gone.id())
            .executeUpdate();
        em.remove(gone);
        em.flush(); // gone now: a later event of this batch for the phone starts a new conversation
      }
      cache.conversations.remove(event.phone());
      cache.leads.remove(event.phone());
      leads.forget(bot, event.phone());
      LOG.log(Level.INFO, "Bot {0}: customer {1} erased (by {2})", bot, event.phone(), erased.by());
      return;
    }
    Instant at = event.at() == null ? Instant.now() : event.at();
    Conversation c = cache.conversations.computeIfAbsent(event.phone(),
        phone -> findOrCreate(cache.rows, bot, phone, sandbox, at));
    if (event.body() instanceof BotEvent.MessageIn in) {
      c.received(at, in.name(), in.text());
      cache.rows.message(c.id(), event.seq(), true, "customer", at, in.type(), in.wamid(), in.text(), in.payload());
    } else if (event.body() instanceof BotEvent.MessageOut out) {
      c.sent(at, out.text());
      cache.rows.message(c.id(), event.seq(), false, out.author() == null ? "bot" : out.author(), at, out.type(),
          out.wamid(), out.text(), out.payload());
    } else if (event.body() instanceof BotEvent.FunnelStep step) {
      c.funnelAt(step.stage(), step.segment());
      cache.rows.funnel(c.id(), event.seq(), at, step.event(),
          step.data() == null ? "{}" : ContractJson.write(step.data()), step.stage(), step.segment());
      leads.step(cache.rows, cache.leads, cache.createdLeads, bot, event.phone(), c.name(), step, at,
          cache.leadEvents::add);
    } else if (event.body() instanceof BotEvent.AiFailed failed) {
      cache.rows.funnel(c.id(), event.seq(), at, "ai_failed",
          ContractJson.write(Map.of("reason", failed.reason() == null ? "" : failed.reason())), c.stage(), c.segment());
    } else if (event.body() instanceof BotEvent.MediaReceived media) {
      em.flush();
      em.createQuery("SELECT m FROM ConversationMessage m WHERE m.conversationId = :c AND m.wamid = :w",
              ConversationMessage.class)
          .setParameter("c", c.id()).setParameter("w", media.wamid()).getResultStream().findFirst()
          .ifPresent(m -> m.describeMedia(ContractJson.write(new MessageMedia(media.type(), media.mimeType(),
              media.filename(), media.size(), media.state(), media.refusal(), null)), media.transcript()));
    } else if (event.body() instanceof BotEvent.RequirementsDraft draft) {
      cache.rows.funnel(c.id(), event.seq(), at, "requirements_draft",
          ContractJson.write(Map.of("outcome", draft.outcome() == null ? "" : draft.outcome())), c.stage(), c.segment());
      leads.requirementsDraft(bot, event.phone(), draft, at);
    } else if (event.body() instanceof BotEvent.HandOff handOff) {
      boolean alert = c.handOff(Conversation.State.of(handOff.state()), handOff.operator(), handOff.reason(), at);
      if (alert) {
        needsPerson.fire(new NeedsPerson(bot, c.phone(), c.name(), handOff.reason(), c.lastText(), at));
      }
    }
  }

  private Conversation find(String bot, String phone) {
    // COMMIT: a conversation created in this batch was inserted at once (findOrCreate), and a flush
    // before every look-up would compare the whole persistence context again.
    return em.createNamedQuery(Conversation.OF, Conversation.class).setParameter("bot", bot).setParameter("phone", phone)
        .setFlushMode(FlushModeType.COMMIT).getResultStream().findFirst().orElse(null);
  }

  private Conversation findOrCreate(EventRows rows, String bot, String phone, boolean sandbox, Instant at) {
    Conversation c = find(bot, phone);
    return c != null ? c : em.find(Conversation.class, rows.conversation(bot, phone, sandbox, at));
  }
}
