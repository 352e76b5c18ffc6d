package dev.wabots.bot.inbox;

import dev.wabots.whatsapp.InboundMessage;
import java.time.Instant;
import java.util.List;

/**
 * A message in the inbox, read back typed — or a message an operator asked the bot to send (then
 * {@code message} is null and {@code author} names the operator).
 *
 * @param plan the replies planned for it (empty while pending)
 * @param sent how many of them the Graph API accepted
 * @param attempts failed attempts so far (retries)
 * @param nextAttempt when a postponed row is due, or null
 */
public record InboxRow(long seq, String phone, InboundMessage message, RowState state, List<Reply> plan, int sent,
    int attempts, Instant nextAttempt, String author) {

  public InboxRow {
    plan = List.copyOf(plan);
  }

  /** The customer's message id, or the operator job's id. */
  public String wamid() {
    return message == null ? "operator-" + seq : message.id().value();
  }

  /** Whether a person asked for this (no customer message behind it). */
  public boolean byOperator() {
    return message == null;
  }

  /** Who the replies are from: {@code bot} or the operator's username. */
  public String sender() {
    return author == null ? "bot" : author;
  }

  /** The row after its plan was committed. */
  InboxRow planned(List<Reply> newPlan) {
    return new InboxRow(seq, phone, message, RowState.PLANNED, newPlan, 0, attempts, nextAttempt, author);
  }

  /** The row with its plan rewritten from {@code at} on (an AI answer or voice note resolved). */
  InboxRow replanned(List<Reply> newPlan, int nowSent) {
    return new InboxRow(seq, phone, message, state, newPlan, nowSent, attempts, nextAttempt, author);
  }

  /** The row finished in {@code newState}. */
  InboxRow finished(RowState newState) {
    return new InboxRow(seq, phone, message, newState, plan, sent, attempts, nextAttempt, author);
  }
}
