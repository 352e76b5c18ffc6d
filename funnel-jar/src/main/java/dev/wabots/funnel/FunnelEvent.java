package dev.wabots.funnel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A step worth recording ({@code events} row): the funnel report is built from these.
 *
 * @param type e.g. {@code quiz_completed}, {@code payment_link_sent}
 * @param data details as a JSON object (values: strings, numbers, booleans, lists of strings)
 */
public record FunnelEvent(String type, Map<String, Object> data) {
  /** Event types the engine emits; the report reads the first ones. */
  public static final String QUIZ_STARTED = "quiz_started";
  /** A greeting text or {@code sales:back_welcome} (the seed's {@code start}); not {@code nav:welcome}. */
  public static final String START = "start";
  /** A GPU model typed by hand: data {@code text} (the seed's name). */
  public static final String GPU_CUSTOM_INPUT = "gpu_custom_input";
  /**
   * {@code sales:custom_start} (data {@code restart=false}, the seed's {@code
   * custom_discovery_started}) or {@code sales:custom_restart} ({@code restart=true}, the seed's
   * {@code custom_discovery_restarted}).
   */
  public static final String DISCOVERY_STARTED = "discovery_started";
  /** A {@code tz:*} reply: data {@code id}. */
  public static final String TZ_REQUESTED = "tz_requested";
  /** Quiz answered: data {@code tech, infra, segment, sub_segment}. */
  public static final String QUIZ_COMPLETED = "quiz_completed";
  /** Payment link sent: data {@code amount, label}. */
  public static final String PAYMENT_LINK_SENT = "payment_link_sent";
  /** Quote sent: data {@code total_min, total_max, …}. */
  public static final String QUOTE_SENT = "quote_sent";
  /** Contact screen shown. */
  public static final String CONTACT_REQUESTED = "contact_requested";
  /** A reply id nobody handles: data {@code id}. */
  public static final String UNKNOWN_REPLY = "unknown_reply";
  /** A list answer for a step the user is not on: data {@code id, expected}. */
  public static final String STALE_REPLY = "stale_reply";
  /** Free text handed to the AI: data {@code length}. */
  public static final String AI_FALLBACK = "ai_fallback";
  /** A document, photo, voice note, location, contacts or sticker: data {@code type} ({@link Attachment#type()}). */
  public static final String MEDIA_RECEIVED = "media_received";

  /** Copies the data, keeping its order. */
  public FunnelEvent {
    Objects.requireNonNull(type, "type");
    data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }

  /** An event without data. */
  public static FunnelEvent of(String type) {
    return new FunnelEvent(type, Map.of());
  }
}
