package dev.wabots.notifications.boundary;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A notification channel as people see it: its settings with secrets masked ({@code "••••abcd"}),
 * the events it wants, and how its last deliveries went.
 */
public record ChannelView(
    String id,
    String bot,
    String type,
    String name,
    boolean enabled,
    List<String> events,
    Map<String, Object> settings,
    Instant lastSuccessAt,
    String lastError,
    Instant lastErrorAt,
    long pending) {}
