package dev.wabots.funnel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Users and conversion per funnel step over a period, from the {@code events} table. Steps:
 * quiz started → quiz completed → each segment (from quiz completed) → payment link and contact
 * (from quiz completed) and quote (from the CUSTOM segment). Users are counted once per step.
 *
 * @param days the length of the period
 * @param from start of the period (inclusive)
 * @param to end of the period (exclusive)
 * @param activeUsers distinct users with any event in the period
 * @param steps the steps, in funnel order
 */
public record FunnelReport(int days, Instant from, Instant to, long activeUsers, List<ReportStep> steps) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The event types and their "previous" step, in report order. */
  private static final String[][] STEPS = {
    {FunnelEvent.QUIZ_STARTED, null},
    {FunnelEvent.QUIZ_COMPLETED, FunnelEvent.QUIZ_STARTED},
    {"segment_diy", FunnelEvent.QUIZ_COMPLETED},
    {"segment_basic", FunnelEvent.QUIZ_COMPLETED},
    {"segment_custom", FunnelEvent.QUIZ_COMPLETED},
    {"segment_unknown", FunnelEvent.QUIZ_COMPLETED},
    {FunnelEvent.PAYMENT_LINK_SENT, FunnelEvent.QUIZ_COMPLETED},
    {FunnelEvent.QUOTE_SENT, "segment_custom"},
    {FunnelEvent.CONTACT_REQUESTED, FunnelEvent.QUIZ_COMPLETED},
  };

  /** Copies the list. */
  public FunnelReport {
    steps = List.copyOf(steps);
  }

  /** The event types a store must count distinct users for (besides segments). */
  public static List<String> countedEventTypes() {
    return List.of(
        FunnelEvent.QUIZ_STARTED, FunnelEvent.QUIZ_COMPLETED, FunnelEvent.PAYMENT_LINK_SENT,
        FunnelEvent.QUOTE_SENT, FunnelEvent.CONTACT_REQUESTED);
  }

  /** The step key for users whose {@code quiz_completed} event names {@code segment}. */
  public static String segmentKey(String segment) {
    return "segment_" + segment.toLowerCase(Locale.ROOT);
  }

  /**
   * Builds the report from distinct-user counts per step key (event types and {@link
   * #segmentKey}s); missing keys count as zero. Stores call this after counting.
   */
  public static FunnelReport of(int days, Instant from, Instant to, long activeUsers, Map<String, Long> usersByStep) {
    List<ReportStep> steps = new ArrayList<>();
    long first = usersByStep.getOrDefault(STEPS[0][0], 0L);
    for (String[] step : STEPS) {
      long users = usersByStep.getOrDefault(step[0], 0L);
      Double ofPrevious = step[1] == null ? null : percent(users, usersByStep.getOrDefault(step[1], 0L));
      steps.add(new ReportStep(step[0], step[1], users, ofPrevious, percent(users, first)));
    }
    return new FunnelReport(days, from, to, activeUsers, steps);
  }

  private static Double percent(long part, long whole) {
    if (whole == 0) {
      return null;
    }
    return BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP).doubleValue();
  }

  /** The report as a JSON tree (instants as ISO-8601 UTC text). */
  public ObjectNode toJsonTree() {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("days", days);
    root.put("from", from.toString());
    root.put("to", to.toString());
    root.put("active_users", activeUsers);
    ArrayNode array = root.putArray("steps");
    for (ReportStep step : steps) {
      ObjectNode node = array.addObject();
      node.put("key", step.key());
      node.put("previous", step.previous());
      node.put("users", step.users());
      node.put("percent_of_previous", step.percentOfPrevious());
      node.put("percent_of_first", step.percentOfFirst());
    }
    return root;
  }

  /** The report as JSON text. */
  public String toJson() {
    try {
      return MAPPER.writeValueAsString(toJsonTree());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
