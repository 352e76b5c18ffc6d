package dev.wabots.leads.boundary;

import java.time.Instant;
import java.util.Map;

/**
 * A lead as the API and the panel show it.
 *
 * @param quiz the quiz answers ({@code tech}, {@code infra})
 * @param discovery the custom discovery ({@code task}, {@code volume}, {@code integrations},
 *     {@code timeline}, {@code budget}, {@code completed})
 * @param quote {@code low}, {@code high} and the inputs it was computed from
 * @param requirementsDocument the requirements document ("ТЗ") the bot's AI drafted: {@code
 *     outcome} ({@code drafted}, {@code too_small}, {@code failed}), {@code document}, {@code
 *     summary}, {@code answers} (as the customer gave them), {@code at}; empty before any
 * @param payment {@code sum}, {@code label}, {@code sent_at}, {@code paid_amount}, {@code paid_at},
 *     {@code flag} (a paid amount that differs from the link's sum)
 */
public record LeadView(
    long id,
    String bot,
    String botName,
    String phone,
    String name,
    Instant firstAt,
    Instant lastAt,
    String segment,
    String subSegment,
    String path,
    String stage,
    String status,
    String notes,
    String gpu,
    Map<String, Object> quiz,
    Map<String, Object> discovery,
    Map<String, Object> requirements,
    Map<String, Object> requirementsDocument,
    Map<String, Object> quote,
    Instant checkoutAt,
    Map<String, Object> payment,
    String handOff,
    boolean paid) {}
