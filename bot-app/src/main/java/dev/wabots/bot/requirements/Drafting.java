package dev.wabots.bot.requirements;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wabots.bot.ai.Assistant;
import dev.wabots.bot.events.Outbox;
import dev.wabots.bot.graph.GraphApiException;
import dev.wabots.bot.graph.GraphClient;
import dev.wabots.bot.handoff.Handoffs;
import dev.wabots.bot.inbox.Notices;
import dev.wabots.bot.inbox.Reply;
import dev.wabots.bot.store.BotDatabase;
import dev.wabots.contract.BotEvent;
import dev.wabots.contract.BotEvent.RequirementsDraft;
import dev.wabots.funnel.DraftRequest;
import dev.wabots.funnel.store.Session;
import dev.wabots.whatsapp.DocumentMessage;
import dev.wabots.whatsapp.PhoneNumber;
import dev.wabots.whatsapp.TextMessage;
import dev.wabots.whatsapp.TextSplitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The requirements document ("ТЗ") for a customer who answered the questionnaire: the bot's AI
 * drafts it (through the orchestrator's chat routing, the bot's own backend and persona); the
 * customer gets it as a PDF document, a short summary with the estimate and the definition's
 * result screen. A project the AI finds smaller than a sprint gets the AI's answer as text and the
 * "too small" screen. When the AI is unavailable the answers are kept, the customer is told a
 * person will send the document, and a person is asked for (the owner's needs-person alert).
 *
 * <p>Every outcome is kept in the bot's database ({@code requirements_drafts}) and goes to the
 * orchestrator as a {@link RequirementsDraft} event, so the customer's lead holds it. Called from
 * the customer's lane (the sender), never from the webhook's thread.
 */
@ApplicationScoped
public class Drafting {

  private static final Logger LOG = System.getLogger(Drafting.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Why a person is needed when the AI could not draft the document. */
  public static final String HANDOFF_REASON = "tz_failed";

  private final BotDatabase database;
  private final Assistant assistant;
  private final GraphClient graph;
  private final Outbox outbox;
  private final Handoffs handoffs;
  private final Notices notices;

  /** For the container's proxy. */
  protected Drafting() {
    this(null, null, null, null, null, null);
  }

  @Inject
  public Drafting(BotDatabase database, Assistant assistant, GraphClient graph, Outbox outbox, Handoffs handoffs,
      Notices notices) {
    this.database = database;
    this.assistant = assistant;
    this.graph = graph;
    this.outbox = outbox;
    this.handoffs = handoffs;
    this.notices = notices;
  }

  /** A kept draft, as the bot's database holds it. */
  public record Kept(String phone, Instant at, String outcome, Map<String, String> answers, String document,
      String summary, String reason) {}

  /** Has the document drafted and returns what to send the customer instead of the draft step. */
  public List<Reply> draft(String phone, DraftRequest request) {
    PhoneNumber to = PhoneNumber.parse(phone);
    Assistant.Answer answer = assistant.draft(phone, request.instructions() + "\n\n" + request.brief());
    List<Reply> out = new ArrayList<>();
    if (!(answer instanceof Assistant.Replied replied)) {
      String why = answer instanceof Assistant.Failed failed ? failed.why() : "the orchestrator has no AI for bots";
      LOG.log(Level.WARNING, "Requirements document for {0} not drafted: {1}; the answers are kept and a person is asked for",
          phone, why);
      database.transactions().writing(s -> {
        keep(s, phone, request, new RequirementsDraft(RequirementsDraft.FAILED, request.labels(), null, null, why));
        outbox.append(s, phone, new BotEvent.AiFailed(why));
        handoffs.request(s, phone, HANDOFF_REASON);
      });
      out.add(Reply.Send.of(database.funnel().screen(request.failedScreen(), to, null)));
      return out;
    }
    String document = replied.text();
    if (request.tooSmall(document)) {
      database.transactions().writing(s ->
          keep(s, phone, request, new RequirementsDraft(RequirementsDraft.TOO_SMALL, request.labels(), document, null, null)));
      TextSplitter.split(document).forEach(part -> out.add(Reply.Send.of(new TextMessage(part, false).to(to))));
      out.add(Reply.Send.of(database.funnel().screen(request.tooSmallScreen(), to, null)));
      return out;
    }
    Optional<String> estimate = DraftRequest.estimate(document);
    String summary = estimate.map(total -> notices.text("tz_summary", total)).orElseGet(() -> notices.text("tz_summary_no_total"));
    database.transactions().writing(s ->
        keep(s, phone, request, new RequirementsDraft(RequirementsDraft.DRAFTED, request.labels(), document, summary, null)));
    out.addAll(document(phone, to, request, document));
    out.add(Reply.Send.of(new TextMessage(summary, false).to(to)));
    out.add(Reply.Send.of(database.funnel().screen(request.resultScreen(), to, null)));
    return out;
  }

  /** The PDF as a document message; the text itself when the PDF cannot be made or uploaded. */
  private List<Reply> document(String phone, PhoneNumber to, DraftRequest request, String document) {
    try {
      byte[] pdf = RequirementsPdf.build(notices.text("tz_pdf_title"), request.brief(), document);
      String mediaId = graph.upload(pdf, "application/pdf", "requirements.pdf");
      return List.of(Reply.Send.of(
          DocumentMessage.ofMediaId(mediaId, notices.text("tz_filename"), notices.text("tz_caption")).to(to)));
    } catch (GraphApiException | RuntimeException e) {
      LOG.log(Level.WARNING, "Requirements PDF for {0} not sent as a document ({1}); sending the text", phone,
          e.getMessage());
      List<Reply> texts = new ArrayList<>();
      TextSplitter.split(document).forEach(part -> texts.add(Reply.Send.of(new TextMessage(part, false).to(to))));
      return texts;
    }
  }

  private void keep(Session s, String phone, DraftRequest request, RequirementsDraft draft) {
    s.update("INSERT INTO requirements_drafts (phone, at, outcome, answers, labels, document, summary, reason)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", phone, Instant.now(), draft.outcome(), json(request.answers()),
        json(request.labels()), draft.document(), draft.summary(), draft.reason());
    outbox.append(s, phone, draft);
  }

  /** The drafts kept for {@code phone}, oldest first. */
  public List<Kept> of(String phone) {
    return database.transactions().read(s -> s.list(
        "SELECT phone, at, outcome, answers, document, summary, reason FROM requirements_drafts WHERE phone = ? ORDER BY id",
        r -> new Kept(r.text(1), r.instant(2), r.text(3), map(r.text(4)), r.text(5), r.text(6), r.text(7)), phone));
  }

  /** Forgets a customer's drafts (erasure); joins the caller's write transaction. */
  public static void forget(Session s, String phone) {
    s.update("DELETE FROM requirements_drafts WHERE phone = ?", phone);
  }

  private static String json(Map<String, String> map) {
    try {
      return JSON.writeValueAsString(map);
    } catch (JacksonException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> map(String json) {
    try {
      return JSON.readValue(json, java.util.LinkedHashMap.class);
    } catch (JacksonException e) {
      throw new IllegalStateException(e);
    }
  }
}
