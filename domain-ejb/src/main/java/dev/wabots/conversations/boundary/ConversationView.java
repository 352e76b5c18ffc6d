package dev.wabots.conversations.boundary;

import java.time.Instant;

/** One row of the Conversations page / API. */
public record ConversationView(
    String bot,
    String botName,
    String phone,
    String name,
    String state,
    String operator,
    String reason,
    Instant needsPersonSince,
    Instant lastMessageAt,
    String lastText,
    String lastDirection,
    Instant lastInboundAt,
    int unread,
    String stage,
    String segment,
    boolean sandbox,
    long messages) {}
