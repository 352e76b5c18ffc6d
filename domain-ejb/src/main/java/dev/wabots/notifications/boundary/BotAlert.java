package dev.wabots.notifications.boundary;

import java.time.Instant;

/**
 * Something about a bot itself that its owner should hear of: {@code token_refused} (Meta refused
 * its access token), {@code crash_loop}, {@code ai_failing} (its AI failed many times in a row).
 */
public record BotAlert(String bot, String kind, String detail, Instant at) {}
