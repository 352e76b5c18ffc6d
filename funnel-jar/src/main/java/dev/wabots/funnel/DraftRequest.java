package dev.wabots.funnel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The funnel asks the bot to have its AI draft a requirements document ("ТЗ") with a sprint plan
 * and an estimate: the customer answered the last question of the requirements questionnaire and
 * was told the document is on its way ({@link Outcome#draft()}, {@link FunnelReply#draft()}).
 *
 * <p>What the bot does with it: send {@link #instructions()} and {@link #brief()} to its AI
 * (through the orchestrator's chat routing, with the bot's own backend and persona), then send
 * the customer the document and one of the definition's screens, rendered with {@link
 * FunnelDefinition#render}: {@link #resultScreen()} when the project qualifies, {@link
 * #tooSmallScreen()} when {@link #tooSmall(String)} says the AI declined it as too small, {@link
 * #failedScreen()} (answers kept, a person will send the document) when the AI is unavailable.
 * The answers are also in the event {@code tz_draft_requested}, so the lead holds them either way.
 *
 * @param answers the answers by step key in step order, as stored (option values, texts)
 * @param labels the same answers as the customer saw them (option titles, texts)
 * @param contact how to reach the customer (the WhatsApp number, digits)
 * @param instructions the rules for the AI: its role, the sprint price and length, the minimum
 *     order, the risk buffer, when to decline, and the document's sections (definition text,
 *     profile values filled)
 * @param brief the customer's requirements for the AI, one labelled line per answer and the
 *     contact
 * @param tooSmallMarker the phrase the instructions tell the AI to open a declined draft with
 * @param resultScreen the screen to send with a qualified document
 * @param tooSmallScreen the screen to send when the AI declined the project as too small
 * @param failedScreen the screen to send when the AI is unavailable
 */
public record DraftRequest(
    Map<String, String> answers,
    Map<String, String> labels,
    String contact,
    String instructions,
    String brief,
    String tooSmallMarker,
    String resultScreen,
    String tooSmallScreen,
    String failedScreen) {

  /** Copies the maps, keeping their order. */
  public DraftRequest {
    answers = Collections.unmodifiableMap(new LinkedHashMap<>(answers));
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    Objects.requireNonNull(contact, "contact");
    Objects.requireNonNull(instructions, "instructions");
    Objects.requireNonNull(brief, "brief");
    Objects.requireNonNull(tooSmallMarker, "tooSmallMarker");
    Objects.requireNonNull(resultScreen, "resultScreen");
    Objects.requireNonNull(tooSmallScreen, "tooSmallScreen");
    Objects.requireNonNull(failedScreen, "failedScreen");
  }

  /**
   * The document's estimate: its last line that starts with "Итого" or "Total" and holds a figure
   * (the instructions ask the AI to end with one), without WhatsApp or Markdown emphasis.
   */
  public static Optional<String> estimate(String document) {
    String[] lines = document.split("\\R");
    for (int i = lines.length - 1; i >= 0; i--) {
      String line = lines[i].replaceAll("[*_#`>|]", " ").replaceAll("\\s+", " ").strip();
      if (TOTAL.matcher(line).lookingAt() && line.chars().anyMatch(Character::isDigit)) {
        return Optional.of(line);
      }
    }
    return Optional.empty();
  }

  private static final Pattern TOTAL = Pattern.compile("(?iU)[^\\p{L}\\d]*(итого|total)\\b");

  /**
   * Whether the AI's document declines the project as too small: it contains the marker, or says
   * "слишком мал" / "too small" anywhere (case-insensitive), as the seed's bot checked.
   */
  public boolean tooSmall(String document) {
    String text = document.toLowerCase(Locale.ROOT);
    return text.contains(tooSmallMarker.toLowerCase(Locale.ROOT)) || text.contains("слишком мал")
        || text.contains("too small");
  }
}
