package dev.wabots.admin.web;

import dev.wabots.funnel.FunnelState;
import dev.wabots.instances.boundary.InstanceView;
import dev.wabots.instances.boundary.Instances;
import dev.wabots.leads.boundary.LeadFilter;
import dev.wabots.leads.boundary.LeadPage;
import dev.wabots.leads.boundary.LeadSort;
import dev.wabots.leads.boundary.LeadView;
import dev.wabots.leads.boundary.Leads;
import dev.wabots.payments.boundary.PaymentView;
import dev.wabots.payments.boundary.Payments;
import dev.wabots.platform.DomainException;
import dev.wabots.platform.NotFound;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.primefaces.component.datatable.DataTable;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * The Leads page: every lead of the bots the person may see, a page at a time, sorted by the
 * column they click and narrowed by bot, stage, segment, payment and the day first seen; the
 * chosen lead as a card with its answers, quote, checkout and payment, a link to its conversation,
 * and the owner's status and notes (writers only). {@code ?lead=ID} opens a lead's card (alerts
 * link there). The CSV and XLSX exports download what the filter shows. Admins also see the payments that
 * arrived, unmatched ones among them.
 */
@Named
@ViewScoped
public class LeadsPage implements Serializable {

  private static final long serialVersionUID = 1L;
  static final List<String> SEGMENTS = List.of("DIY", "BASIC", "CUSTOM", "UNKNOWN");
  static final List<String> STATUSES = List.of("new", "in_progress", "won", "lost");
  /** Column keys of the table ({@code field} of each sortable column) and what they sort by. */
  static final Map<String, LeadSort.By> COLUMNS = Map.of("last_at", LeadSort.By.LAST_ACTIVITY, "first_at",
      LeadSort.By.FIRST_SEEN, "name", LeadSort.By.NAME, "status", LeadSort.By.STATUS, "quote", LeadSort.By.QUOTE);
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

  @Inject transient Leads leads;

  @Inject transient Payments payments;

  @Inject transient Instances instances;

  @Inject Feedback feedback;

  @Inject Language language;

  private String bot;
  private String stage;
  private String segment;
  private String paid;
  private LocalDate from;
  private LocalDate to;
  private String linkLead;
  private boolean linkOpened;
  private LeadView selected;
  private String status;
  private String notes;
  private String matched;
  private final Rows rows = new Rows();
  private final PaymentRows paymentRows = new PaymentRows();

  /** Opens the page; a link may name a lead ({@code ?lead=ID}), taken once (view parameters come back on postbacks). */
  public void open() {
    if (linkLead != null && !linkOpened) {
      linkOpened = true;
      try {
        select(Long.parseLong(linkLead.strip()));
      } catch (NumberFormatException e) {
        feedback.problem("leads.gone");
      }
    }
  }

  /** Whether the page was opened on a lead ({@code ?lead=ID}): its card is shown at once. */
  public boolean isOpenedByLink() {
    return linkOpened && selected != null;
  }

  /** The bots the person may see, for the filter. */
  public List<InstanceView> getBots() {
    try {
      return instances.list();
    } catch (DomainException e) {
      return List.of();
    }
  }

  /** Filters changed: back to the first page (the export link follows the filter). */
  public void filter() {
    firstPage("leadsForm:leads");
  }

  /** The table re-rendered by this request starts again at its first page. */
  private static void firstPage(String tableId) {
    if (FacesContext.getCurrentInstance().getViewRoot().findComponent(tableId) instanceof DataTable table) {
      table.setFirst(0);
    }
  }

  public void select(long id) {
    try {
      show(leads.get(id));
    } catch (NotFound e) {
      selected = null;
      feedback.problem("leads.gone");
    } catch (DomainException e) {
      feedback.refused(e);
    }
  }

  private void show(LeadView lead) {
    selected = lead;
    status = lead.status();
    notes = lead.notes();
  }

  /** The owner's status and notes; audited by the domain. */
  public void save() {
    if (selected == null) {
      return;
    }
    String newStatus = java.util.Objects.equals(status, selected.status()) ? null : status;
    String newNotes = notes == null ? "" : notes;
    newNotes = newNotes.equals(selected.notes() == null ? "" : selected.notes()) ? null : newNotes;
    if (newStatus == null && newNotes == null) {
      feedback.done("save.nothing");
      return;
    }
    try {
      show(leads.work(selected.id(), newStatus, newNotes));
      feedback.done("leads.saved", customer(selected));
    } catch (NotFound e) {
      selected = null;
      feedback.problem("leads.gone");
    } catch (DomainException e) {
      feedback.refused(e);
    }
  }

  public void close() {
    selected = null;
  }

  /** The CSV of what the filter shows, through {@link LeadExport}. */
  public String getExportUrl() {
    return exportUrl(null);
  }

  /** The same as an Excel workbook. */
  public String getXlsxExportUrl() {
    return exportUrl("xlsx");
  }

  private String exportUrl(String format) {
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    param(query, "bot", bot);
    param(query, "stage", stage);
    param(query, "segment", segment);
    param(query, "paid", paid);
    param(query, "from", from == null ? null : from.toString());
    param(query, "to", to == null ? null : to.toString());
    param(query, "format", format);
    return FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath() + LeadExport.PATH + query;
  }

  private static void param(StringJoiner query, String name, String value) {
    if (value != null && !value.isBlank()) {
      query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
  }

  LeadFilter currentFilter() {
    Boolean p = paid == null || paid.isBlank() ? null : Boolean.valueOf(paid);
    return new LeadFilter(blank(bot), blank(stage), blank(segment), p, from, to);
  }

  // ------------------------------------------------------------------ what the page shows

  /** Stages a lead can wait at (the funnel's multi-step states), for the filter. */
  public List<String> getStages() {
    return java.util.Arrays.stream(FunnelState.values()).map(FunnelState::code).toList();
  }

  /** {@code custom_step_3} → "Project discovery, step 3"; {@code tz_text_2} → "Requirements, question 2 (text)". */
  public String stageLabel(String code) {
    if (code == null || code.isBlank()) {
      return "";
    }
    String[] parts = code.split("_");
    String last = parts[parts.length - 1];
    if (code.startsWith("custom_step_")) {
      return feedback.text("leads.stage.custom", last);
    }
    if (code.startsWith("tz_step_")) {
      return feedback.text("leads.stage.tz_choice", last);
    }
    if (code.startsWith("tz_text_")) {
      return feedback.text("leads.stage.tz_text", last);
    }
    return label("leads.stage.", code);
  }

  public List<String> getSegments() {
    return SEGMENTS;
  }

  public List<String> getStatuses() {
    return STATUSES;
  }

  /** A value the funnel stored ({@code vol_high}, {@code business}) in words where the panel knows it. */
  public String value(Object raw) {
    if (raw == null) {
      return "";
    }
    if (raw instanceof List<?> list) {
      return String.join(", ", list.stream().map(this::value).toList());
    }
    if (raw instanceof Boolean b) {
      return feedback.text(b ? "leads.yes" : "leads.no");
    }
    return label("leads.value.", String.valueOf(raw));
  }

  /** The text of {@code prefix + key}, or the key itself when the bundle has none. */
  public String label(String prefix, String key) {
    if (key == null) {
      return "";
    }
    String text = feedback.text(prefix + key);
    return text.equals(prefix + key) ? key : text;
  }

  /** One line of the card: what, in words, and the answer. */
  public record Answer(String label, String value) implements Serializable {}

  /** The entries of one of the lead's answer maps, their names in words, for the card. */
  public List<Answer> answers(Map<String, Object> map, String prefix) {
    List<Answer> out = new ArrayList<>();
    if (map == null) {
      return out;
    }
    map.forEach((k, v) -> {
      if (v != null && !(v instanceof String s && s.isBlank())) {
        out.add(new Answer(label(prefix, k), value(v)));
      }
    });
    return out;
  }

  /** The quote's inputs ({@code volume}, {@code integrations}, {@code subtotal} …) for the card. */
  public List<Answer> quoteItems(LeadView lead) {
    Object items = lead.quote().get("items");
    if (!(items instanceof Map<?, ?> map)) {
      return List.of();
    }
    Map<String, Object> named = new LinkedHashMap<>();
    map.forEach((k, v) -> named.put(String.valueOf(k), k.equals("subtotal") ? money(v) : v));
    return answers(named, "leads.quote.");
  }

  /** {@code 150 000 ₽} in the page's language; empty for nothing. */
  public String money(Object amount) {
    if (amount == null || amount.toString().isBlank()) {
      return "";
    }
    try {
      NumberFormat f = NumberFormat.getNumberInstance(language.getLocale());
      f.setMaximumFractionDigits(2);
      return f.format(new java.math.BigDecimal(amount.toString())) + " ₽";
    } catch (NumberFormatException e) {
      return amount.toString();
    }
  }

  /** The quote as "low – high", or empty when there is none yet. */
  public String quote(LeadView lead) {
    Object low = lead.quote().get("low");
    Object high = lead.quote().get("high");
    if (low == null && high == null) {
      return "";
    }
    return low != null && low.equals(high) ? money(low) : money(low) + " – " + money(high);
  }

  public String when(Object at) {
    if (at == null) {
      return "";
    }
    Instant instant;
    if (at instanceof Instant i) {
      instant = i;
    } else {
      try {
        instant = OffsetDateTime.parse(at.toString()).toInstant();
      } catch (DateTimeParseException e) {
        return at.toString();
      }
    }
    return WHEN.format(instant.atZone(ZoneId.systemDefault()));
  }

  /** The customer as people name them: their WhatsApp name, else the number. */
  public String customer(LeadView lead) {
    return lead.name() == null || lead.name().isBlank() ? "+" + lead.phone() : lead.name();
  }

  /** The conversation of the lead on the Conversations page. */
  public String conversationUrl(LeadView lead) {
    return FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath()
        + "/panel/conversations?bot=" + URLEncoder.encode(lead.bot(), StandardCharsets.UTF_8) + "&phone="
        + URLEncoder.encode(lead.phone(), StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ the tables

  public LazyDataModel<LeadView> getRows() {
    return rows;
  }

  /** The leads, a page at a time from the domain (which applies who may see what), in the clicked order. */
  final class Rows extends LazyDataModel<LeadView> {
    private static final long serialVersionUID = 1L;

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
      try {
        return (int) Math.min(Integer.MAX_VALUE, leads.list(currentFilter(), 0, 1).total());
      } catch (DomainException e) {
        return 0;
      }
    }

    @Override
    public List<LeadView> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
      try {
        int size = Math.max(1, Math.min(pageSize, Leads.MAX_PAGE_SIZE));
        LeadPage page = leads.list(currentFilter(), sort(sortBy), first / size, size);
        setRowCount((int) Math.min(Integer.MAX_VALUE, page.total()));
        return page.items();
      } catch (DomainException e) {
        feedback.refused(e);
        return List.of();
      }
    }

    @Override
    public String getRowKey(LeadView lead) {
      return Long.toString(lead.id());
    }

    @Override
    public LeadView getRowData(String key) {
      try {
        return leads.get(Long.parseLong(key));
      } catch (NumberFormatException | DomainException e) {
        return null;
      }
    }
  }

  /** The table's sort (one column at a time), newest activity first when none is chosen. */
  static LeadSort sort(Map<String, SortMeta> sortBy) {
    if (sortBy != null) {
      for (SortMeta meta : sortBy.values()) {
        LeadSort.By by = COLUMNS.get(meta.getField());
        if (by != null && meta.getOrder() != null && !meta.getOrder().isUnsorted()) {
          return new LeadSort(by, meta.getOrder() == SortOrder.ASCENDING);
        }
      }
    }
    return LeadSort.NEWEST_ACTIVITY;
  }

  public LazyDataModel<PaymentView> getPaymentRows() {
    return paymentRows;
  }

  /** Received payments, newest first (admins see the unmatched ones too). */
  final class PaymentRows extends LazyDataModel<PaymentView> {
    private static final long serialVersionUID = 1L;

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
      try {
        return (int) Math.min(Integer.MAX_VALUE, payments.count(matchedFilter()));
      } catch (DomainException e) {
        return 0;
      }
    }

    @Override
    public List<PaymentView> load(int first, int pageSize, Map<String, SortMeta> sortBy,
        Map<String, FilterMeta> filterBy) {
      try {
        int size = Math.max(1, Math.min(pageSize, Payments.MAX_PAGE_SIZE));
        return payments.list(matchedFilter(), first / size, size);
      } catch (DomainException e) {
        feedback.refused(e);
        return List.of();
      }
    }

    @Override
    public String getRowKey(PaymentView p) {
      return Long.toString(p.id());
    }
  }

  private Boolean matchedFilter() {
    return matched == null || matched.isBlank() ? null : Boolean.valueOf(matched);
  }

  public void filterPayments() {
    firstPage("paymentsForm:payments");
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  // ------------------------------------------------------------------ properties

  public String getBot() {
    return bot;
  }

  public void setBot(String bot) {
    this.bot = bot;
  }

  public String getStage() {
    return stage;
  }

  public void setStage(String stage) {
    this.stage = stage;
  }

  public String getSegment() {
    return segment;
  }

  public void setSegment(String segment) {
    this.segment = segment;
  }

  public String getPaid() {
    return paid;
  }

  public void setPaid(String paid) {
    this.paid = paid;
  }

  public LocalDate getFrom() {
    return from;
  }

  public void setFrom(LocalDate from) {
    this.from = from;
  }

  public LocalDate getTo() {
    return to;
  }

  public void setTo(LocalDate to) {
    this.to = to;
  }

  public String getLinkLead() {
    return linkLead;
  }

  public void setLinkLead(String linkLead) {
    this.linkLead = linkLead;
  }

  public LeadView getSelected() {
    return selected;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public String getNotes() {
    return notes;
  }

  public void setNotes(String notes) {
    this.notes = notes;
  }

  public String getMatched() {
    return matched;
  }

  public void setMatched(String matched) {
    this.matched = matched;
  }

  /** The date pickers' pattern in the page's language. */
  public String getDatePattern() {
    return "ru".equals(language.getCode()) ? "dd.MM.yyyy" : "yyyy-MM-dd";
  }

  public Locale getLocale() {
    return language.getLocale();
  }
}
