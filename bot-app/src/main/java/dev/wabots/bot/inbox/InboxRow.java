package dev.wabots.bot.inbox;

import dev.wabots.whatsapp.InboundMessage;
import java.time.Instant;
import java.util.List;

/**
 * A message in the inbox, read back typed.
 *
 * @param plan the replies planned for it (empty while pending)
 * @param sent how many of them the Graph API accepted
 * @param attempts failed attempts so far (retries)
 * @param nextAttempt when a postponed row is due, or null
 */
public record InboxRow(long seq, InboundMessage message, RowState state, List<Reply> plan, int sent, int attempts,
    Instant nextAttempt) {

  public InboxRow {
    plan = List.copyOf(plan);
  }

  public String phone() {
    return message.from().digits();
  }

  public String wamid() {
    return message.id().value();
  }

  /** The row after its plan was committed. */
  InboxRow planned(List<Reply> newPlan) {
    return new InboxRow(seq, message, RowState.PLANNED, newPlan, 0, attempts, nextAttempt);
  }

  /** The row with its plan rewritten from {@code at} on (an AI answer or voice note resolved). */
  InboxRow replanned(List<Reply> newPlan, int nowSent) {
    return new InboxRow(seq, message, state, newPlan, nowSent, attempts, nextAttempt);
  }
}
