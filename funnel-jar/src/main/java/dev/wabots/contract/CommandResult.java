package dev.wabots.contract;

/**
 * A bot's answer to a {@link BotCommand}.
 *
 * @param error null when done; else a machine-readable reason ({@code window_closed}, {@code
 *     not_taken_over}, {@code invalid} …)
 * @param message a sentence for people
 */
public record CommandResult(boolean done, String error, String message) {
  public static CommandResult ok(String message) {
    return new CommandResult(true, null, message);
  }

  public static CommandResult refused(String error, String message) {
    return new CommandResult(false, error, message);
  }
}
