package dev.wabots.contract;

import java.util.List;

/** The newest lines of a bot's log, oldest first ({@code GET /internal/logs?lines=N} on the bot). */
public record LogLines(List<String> lines) {
  public LogLines {
    lines = lines == null ? List.of() : List.copyOf(lines);
  }
}
