package dev.wabots.conversations.boundary;

import java.time.Instant;

/**
 * One message of a thread.
 *
 * @param seq its number in the orchestrator (for {@code ?after=})
 * @param direction {@code in} (from the customer) or {@code out}
 * @param author {@code customer}, {@code bot} or the operator's username
 * @param payload the WhatsApp message (in) or the Cloud API request (out), as JSON
 * @param media the customer's file, or null
 * @param transcript a voice note's text, or null
 * @param wamid WhatsApp's id of the message, or null
 */
public record MessageView(long seq, String direction, String author, Instant at, String type, String text,
    String payload, MessageMedia media, String transcript, String wamid) {}
