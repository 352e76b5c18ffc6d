package dev.wabots.contract;

/**
 * The orchestrator's answer to an {@link EventBatch}: every event of {@code stream} up to {@code
 * upTo} is stored (duplicates are acknowledged and ignored); the bot may forget them.
 */
public record EventAck(String stream, long upTo) {}
