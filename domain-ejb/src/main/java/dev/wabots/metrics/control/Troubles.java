package dev.wabots.metrics.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a bot needs attention, decided from what the orchestrator knows of it: the supervisor's
 * state, the bot's last report, the AI failure streak. Pure: the inputs are given, the clock too.
 */
public final class Troubles {

  /** A live bot running this long without a webhook or Meta's verification was never wired up. */
  public static final Duration NO_WEBHOOK_AFTER = Duration.ofMinutes(10);

  /** One reason, with the words of whoever knows it best (supervisor, Meta, the AI chain). */
  public record Trouble(String bot, Kind kind, String detail) {}

  /** The reasons, worst first. */
  public enum Kind {
    /** Died too often: waits for a person to start it. */
    CRASH_LOOP,
    /** Meta refuses the bot's access token: nothing is sent. */
    TOKEN_REFUSED,
    /** The bot's AI keeps failing: customers get the polite answer. */
    AI_FAILING,
    /** Live mode, running for a while, and not a single webhook or verification from Meta ever. */
    NO_WEBHOOK;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** What is known of one bot. */
  public record Facts(String bot, boolean crashLoop, String lastExitReason, boolean live, Instant runningSince,
      Boolean tokenRefused, Boolean webhookSeen, boolean everHadCustomers, int aiFailuresInRow, String aiLastError) {}

  public static List<Trouble> of(Facts f, Instant now, int aiFailingAfter) {
    List<Trouble> out = new ArrayList<>();
    if (f.crashLoop()) {
      out.add(new Trouble(f.bot(), Kind.CRASH_LOOP, f.lastExitReason() == null ? "" : f.lastExitReason()));
    }
    if (Boolean.TRUE.equals(f.tokenRefused())) {
      out.add(new Trouble(f.bot(), Kind.TOKEN_REFUSED, "Meta refused the access token"));
    }
    if (f.aiFailuresInRow() >= aiFailingAfter) {
      out.add(new Trouble(f.bot(), Kind.AI_FAILING, f.aiFailuresInRow() + " questions in a row without an answer"
          + (f.aiLastError() == null ? "" : " (" + f.aiLastError() + ")")));
    }
    if (f.live() && f.runningSince() != null && !f.runningSince().plus(NO_WEBHOOK_AFTER).isAfter(now)
        && Boolean.FALSE.equals(f.webhookSeen()) && !f.everHadCustomers()) {
      out.add(new Trouble(f.bot(), Kind.NO_WEBHOOK, "live for " + Duration.between(f.runningSince(), now).toMinutes()
          + " min without a webhook from Meta: is the webhook URL set in the Meta app?"));
    }
    return out;
  }

  private Troubles() {}
}
