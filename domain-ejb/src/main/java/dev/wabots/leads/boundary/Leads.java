package dev.wabots.leads.boundary;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wabots.audit.boundary.AuditLog;
import dev.wabots.conversations.entity.Conversation;
import dev.wabots.instances.control.InstanceAccess;
import dev.wabots.instances.entity.WhatsAppInstance;
import dev.wabots.leads.control.XlsxWriter;
import dev.wabots.leads.entity.Lead;
import dev.wabots.platform.Invalid;
import dev.wabots.platform.NotFound;
import dev.wabots.security.Caller;
import dev.wabots.security.Callers;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The leads of the bots a person may see: a filtered, paged list; one lead; its status and notes
 * (audited); and exports that open correctly in Excel (CSV and XLSX), written a page at a time.
 */
@Stateless
public class Leads {

  public static final int MAX_PAGE_SIZE = 200;
  /** The media type of {@link #exportXlsx}. */
  public static final String XLSX = XlsxWriter.MEDIA_TYPE;
  static final int EXPORT_PAGE = 1000;
  static final int MAX_NOTES = 5000;
  static final ObjectMapper JSON = new ObjectMapper();

  @PersistenceContext EntityManager em;

  @Inject Callers callers;

  @Inject AuditLog audit;

  public LeadPage list(LeadFilter filter, int page, int size) {
    return list(filter, LeadSort.NEWEST_ACTIVITY, page, size);
  }

  /** As {@link #list(LeadFilter, int, int)}, in the given order (the panel's sortable columns). */
  public LeadPage list(LeadFilter filter, LeadSort sort, int page, int size) {
    Caller caller = callers.current();
    if (page < 0) {
      throw Invalid.of("page", "must be 0 or more");
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw Invalid.of("size", "must be from 1 to " + MAX_PAGE_SIZE);
    }
    return query(caller, filter, sort, page * size, size);
  }

  public LeadView get(long id) {
    Caller caller = callers.current();
    return view(visible(id, caller), new HashMap<>());
  }

  /** Changes the owner's status and/or notes; audited. */
  public LeadView work(long id, String status, String notes) {
    Caller caller = callers.writer();
    Lead lead = visible(id, caller);
    Lead.Status s = null;
    if (status != null) {
      try {
        s = Lead.Status.of(status);
      } catch (IllegalArgumentException e) {
        throw Invalid.of("status", "must be new, in_progress, won or lost");
      }
    }
    if (notes != null && notes.length() > MAX_NOTES) {
      throw Invalid.of("notes", "is longer than " + MAX_NOTES + " characters");
    }
    lead.work(s, notes);
    audit.record(caller.username(), "lead.update", lead.botId(), AuditLog.details("lead", lead.id(), "status",
        status == null ? "" : status, "notes_changed", notes != null));
    return view(lead, new HashMap<>());
  }

  /**
   * Writes the matching leads as CSV: UTF-8 with a byte-order mark (Excel reads the encoding from
   * it), {@code separator} between fields, fields quoted where needed; a page at a time.
   */
  public void exportCsv(LeadFilter filter, char separator, OutputStream out) {
    Caller caller = callers.current();
    String sep = String.valueOf(separator);
    try {
      out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      out.write((String.join(sep, LeadColumn.titles()) + "\r\n").getBytes(StandardCharsets.UTF_8));
      eachPage(caller, filter, page -> {
        for (LeadView l : page) {
          out.write((csvRow(l, sep) + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
      });
    } catch (IOException e) {
      throw new UncheckedIOException("the export was interrupted", e);
    }
  }

  /**
   * Writes the matching leads as an Excel workbook (.xlsx) of the same columns as the CSV, typed:
   * ids and amounts as numbers, times as dates (UTC), the rest as text that never becomes a formula;
   * streamed a page at a time.
   */
  public void exportXlsx(LeadFilter filter, OutputStream out) {
    Caller caller = callers.current();
    try (XlsxWriter sheet = xlsx(out)) {
      eachPage(caller, filter, page -> {
        for (LeadView l : page) {
          sheet.row(LeadColumn.values(l));
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("the export was interrupted", e);
    }
  }

  /** A workbook with the export's header row, to which {@link LeadColumn#values} rows are added. */
  static XlsxWriter xlsx(OutputStream out) throws IOException {
    return new XlsxWriter(out, "leads", LeadColumn.titles(), LeadColumn.widths());
  }

  private interface PageWriter {
    void write(List<LeadView> page) throws IOException;
  }

  /** The matching leads a page at a time, newest activity first; memory stays flat however many there are. */
  private void eachPage(Caller caller, LeadFilter filter, PageWriter writer) throws IOException {
    for (int first = 0; ; first += EXPORT_PAGE) {
      List<LeadView> page = query(caller, filter, LeadSort.NEWEST_ACTIVITY, first, EXPORT_PAGE).items();
      writer.write(page);
      em.clear();
      if (page.size() < EXPORT_PAGE) {
        break;
      }
    }
  }

  static String csvRow(LeadView l, String sep) {
    StringJoiner row = new StringJoiner(sep);
    for (Object value : LeadColumn.values(l)) {
      row.add(quote(LeadColumn.csv(value), sep));
    }
    return row.toString();
  }

  /** RFC 4180 quoting; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
  static String quote(String value, String sep) {
    String v = value;
    if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9]+(\\.[0-9]+)?")) {
      v = "'" + v;
    }
    if (v.contains(sep) || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }

  private LeadPage query(Caller caller, LeadFilter f, LeadSort sort, int first, int max) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    Map<String, Object> params = new HashMap<>();
    if (!caller.role().seesEveryBot()) {
      where.append(" AND l.botId IN (SELECT i.id FROM WhatsAppInstance i WHERE i.ownerId = :owner)");
      params.put("owner", caller.userId());
    }
    if (f.bot() != null) {
      InstanceAccess.visible(em, f.bot(), caller);
      where.append(" AND l.botId = :bot");
      params.put("bot", f.bot());
    }
    if (f.stage() != null) {
      where.append(" AND l.stage = :stage");
      params.put("stage", f.stage());
    }
    if (f.segment() != null) {
      where.append(" AND l.segment = :segment");
      params.put("segment", f.segment().toUpperCase(java.util.Locale.ROOT));
    }
    if (f.paid() != null) {
      where.append(f.paid() ? " AND l.paidAt IS NOT NULL" : " AND l.paidAt IS NULL");
    }
    if (f.from() != null) {
      where.append(" AND l.firstAt >= :from");
      params.put("from", f.from().atStartOfDay(ZoneOffset.UTC).toInstant());
    }
    if (f.to() != null) {
      where.append(" AND l.firstAt < :to");
      params.put("to", f.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }
    TypedQuery<Long> count = em.createQuery("SELECT COUNT(l) FROM Lead l" + where, Long.class);
    TypedQuery<Lead> rows = em.createQuery("SELECT l FROM Lead l" + where + sort.orderBy(), Lead.class);
    params.forEach((k, v) -> {
      count.setParameter(k, v);
      rows.setParameter(k, v);
    });
    Map<String, String> botNames = new HashMap<>();
    boolean withHandOff = max <= MAX_PAGE_SIZE; // an export has no use for it: no query per lead
    List<LeadView> items = rows.setFirstResult(first).setMaxResults(max).getResultList().stream()
        .map(l -> view(l, botNames, withHandOff)).toList();
    return new LeadPage(items, count.getSingleResult());
  }

  private Lead visible(long id, Caller caller) {
    Lead lead = em.find(Lead.class, id);
    if (lead == null) {
      throw new NotFound("lead", Long.toString(id));
    }
    WhatsAppInstance bot = em.find(WhatsAppInstance.class, lead.botId());
    if (bot == null || !caller.sees(bot.ownerId())) {
      throw new NotFound("lead", Long.toString(id));
    }
    return lead;
  }

  private LeadView view(Lead l, Map<String, String> botNames) {
    return view(l, botNames, true);
  }

  private LeadView view(Lead l, Map<String, String> botNames, boolean withHandOff) {
    String botName = botNames.computeIfAbsent(l.botId(), id -> {
      WhatsAppInstance b = em.find(WhatsAppInstance.class, id);
      return b == null ? id : b.name();
    });
    Map<String, Object> quote = new LinkedHashMap<>();
    quote.put("low", l.quoteLow());
    quote.put("high", l.quoteHigh());
    Map<String, Object> inputs = map(l.quote());
    inputs.remove("total_min");
    inputs.remove("total_max");
    quote.put("items", inputs);
    Map<String, Object> payment = new LinkedHashMap<>();
    payment.put("sum", l.paymentSum());
    payment.put("label", l.paymentLabel());
    payment.put("sent_at", l.paymentSentAt() == null ? null : l.paymentSentAt().toString());
    payment.put("paid_amount", l.paidAmount());
    payment.put("paid_at", l.paidAt() == null ? null : l.paidAt().toString());
    payment.put("flag", l.paymentFlag());
    String handOff = !withHandOff ? null : em.createNamedQuery(Conversation.OF, Conversation.class)
        .setParameter("bot", l.botId()).setParameter("phone", l.phone()).getResultStream().findFirst()
        .map(c -> c.state().id()).orElse("bot");
    Map<String, Object> document = new LinkedHashMap<>();
    if (l.requirementsOutcome() != null) {
      document.put("outcome", l.requirementsOutcome());
      document.put("document", l.requirementsDocument());
      document.put("summary", l.requirementsSummary());
      document.put("answers", map(l.requirementsAnswers()));
      document.put("at", l.requirementsAt() == null ? null : l.requirementsAt().toString());
    }
    return new LeadView(l.id(), l.botId(), botName, l.phone(), l.name(), l.firstAt(), l.lastAt(), l.segment(),
        l.subSegment(), l.path(), l.stage(), l.status().id(), l.notes(), l.gpu(), map(l.quiz()), map(l.discovery()),
        map(l.requirements()), document, quote, l.checkoutAt(), payment, handOff, l.paidAt() != null);
  }

  private static Map<String, Object> map(String json) {
    if (json == null || json.isBlank()) {
      return new LinkedHashMap<>();
    }
    try {
      return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (JacksonException e) {
      return new LinkedHashMap<>();
    }
  }
}
