package dev.wabots.conversations.boundary;

/**
 * A customer's file in the thread.
 *
 * @param state {@code stored} (the bot keeps it for its retention period) or {@code refused}
 * @param refusal why it was refused, or null
 * @param url where a person who may see the conversation downloads it through the orchestrator
 *     (null when refused)
 */
public record MessageMedia(String type, String mimeType, String filename, long size, String state, String refusal,
    String url) {}
