package dev.wabots.leads.boundary;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;

/**
 * The columns of an export of leads, the same for every format: a title, a width for a
 * spreadsheet, and the value of a lead typed as it is — numbers as {@link Long} or {@link
 * BigDecimal}, times as {@link Instant}, the rest as text, {@code null} for nothing. The CSV writes
 * them as text; the XLSX keeps the types.
 */
enum LeadColumn {
  ID("id", 8, LeadView::id),
  BOT("bot", 16, LeadView::bot),
  PHONE("phone", 14, LeadView::phone),
  NAME("name", 20, LeadView::name),
  FIRST_AT("first_at", 20, l -> seconds(l.firstAt())),
  LAST_AT("last_at", 20, l -> seconds(l.lastAt())),
  SEGMENT("segment", 9, LeadView::segment),
  PATH("path", 8, LeadView::path),
  STAGE("stage", 14, LeadView::stage),
  STATUS("status", 11, LeadView::status),
  QUIZ_TECH("quiz_tech", 12, l -> text(l.quiz().get("tech"))),
  QUIZ_INFRA("quiz_infra", 12, l -> text(l.quiz().get("infra"))),
  GPU("gpu", 10, LeadView::gpu),
  TASK("task", 40, l -> text(l.discovery().get("task"))),
  VOLUME("volume", 10, l -> text(l.discovery().get("volume"))),
  INTEGRATIONS("integrations", 20, l -> l.discovery().get("integrations") instanceof List<?> list
      ? String.join(" ", list.stream().map(String::valueOf).toList()) : null),
  TIMELINE("timeline", 12, l -> text(l.discovery().get("timeline"))),
  BUDGET("budget", 12, l -> text(l.discovery().get("budget"))),
  QUOTE_LOW("quote_low", 11, l -> number(l.quote().get("low"))),
  QUOTE_HIGH("quote_high", 11, l -> number(l.quote().get("high"))),
  CHECKOUT_AT("checkout_at", 20, l -> seconds(l.checkoutAt())),
  PAYMENT_SUM("payment_sum", 12, l -> number(l.payment().get("sum"))),
  PAYMENT_LABEL("payment_label", 24, l -> text(l.payment().get("label"))),
  PAID_AMOUNT("paid_amount", 12, l -> number(l.payment().get("paid_amount"))),
  PAID_AT("paid_at", 20, l -> time(l.payment().get("paid_at"))),
  NOTES("notes", 40, LeadView::notes);

  static final List<LeadColumn> ALL = List.of(values());

  private final String title;
  private final int width;
  private final Function<LeadView, Object> value;

  LeadColumn(String title, int width, Function<LeadView, Object> value) {
    this.title = title;
    this.width = width;
    this.value = value;
  }

  String title() {
    return title;
  }

  int width() {
    return width;
  }

  Object of(LeadView lead) {
    return value.apply(lead);
  }

  static List<String> titles() {
    return ALL.stream().map(LeadColumn::title).toList();
  }

  static List<Integer> widths() {
    return ALL.stream().map(LeadColumn::width).toList();
  }

  /** A lead's values, column by column. */
  static List<Object> values(LeadView lead) {
    return ALL.stream().map(c -> c.of(lead)).toList();
  }

  /** A value as the CSV writes it: times to the second in ISO-8601 UTC, nothing as empty. */
  static String csv(Object value) {
    if (value == null) {
      return "";
    }
    return value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value);
  }

  private static String text(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  /** An amount kept as a number ({@code 150000}, {@code "149000.00"}) as a number; other text stays text. */
  private static Object number(Object value) {
    if (value == null || value instanceof Long || value instanceof Integer) {
      return value;
    }
    try {
      return new BigDecimal(String.valueOf(value).strip());
    } catch (NumberFormatException e) {
      return String.valueOf(value);
    }
  }

  private static Instant seconds(Instant at) {
    return at == null ? null : at.truncatedTo(ChronoUnit.SECONDS);
  }

  /** A time the view holds as ISO-8601 text, to the second; text that is not one stays text. */
  private static Object time(Object text) {
    if (text == null) {
      return null;
    }
    try {
      return seconds(Instant.parse(String.valueOf(text)));
    } catch (DateTimeParseException e) {
      return String.valueOf(text);
    }
  }
}
