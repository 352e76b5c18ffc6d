package dev.wabots.instances.control;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns a bot's display name into its id: lower case, Latin letters and digits joined by hyphens,
 * Cyrillic transliterated ({@code "Бот Поддержки"} → {@code bot-podderzhki}), unique with a
 * numeric suffix. The id is fixed at creation and never follows later renames.
 */
public final class Slugs {

  static final int MAX_LENGTH = 48;

  private static final Map<Character, String> CYRILLIC =
      Map.ofEntries(
          Map.entry('а', "a"), Map.entry('б', "b"), Map.entry('в', "v"), Map.entry('г', "g"),
          Map.entry('д', "d"), Map.entry('е', "e"), Map.entry('ё', "e"), Map.entry('ж', "zh"),
          Map.entry('з', "z"), Map.entry('и', "i"), Map.entry('й', "y"), Map.entry('к', "k"),
          Map.entry('л', "l"), Map.entry('м', "m"), Map.entry('н', "n"), Map.entry('о', "o"),
          Map.entry('п', "p"), Map.entry('р', "r"), Map.entry('с', "s"), Map.entry('т', "t"),
          Map.entry('у', "u"), Map.entry('ф', "f"), Map.entry('х', "kh"), Map.entry('ц', "ts"),
          Map.entry('ч', "ch"), Map.entry('ш', "sh"), Map.entry('щ', "shch"), Map.entry('ъ', ""),
          Map.entry('ы', "y"), Map.entry('ь', ""), Map.entry('э', "e"), Map.entry('ю', "yu"),
          Map.entry('я', "ya"), Map.entry('і', "i"), Map.entry('ї', "yi"), Map.entry('є', "ye"),
          Map.entry('ґ', "g"), Map.entry('ў', "u"));

  /** Names that would clash with routes or files. */
  private static final Set<String> RESERVED = Set.of("new", "all", "status", "logs", "run", "keys");

  private Slugs() {}

  /** The base slug of a name, before uniqueness. Never empty: falls back to {@code bot}. */
  public static String of(String name) {
    StringBuilder latin = new StringBuilder();
    for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
      String t = CYRILLIC.get(c);
      latin.append(t != null ? t : String.valueOf(c));
    }
    String plain =
        Normalizer.normalize(latin, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    String slug = plain.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (slug.length() > MAX_LENGTH) {
      slug = slug.substring(0, MAX_LENGTH).replaceAll("-+$", "");
    }
    if (slug.isEmpty()) {
      slug = "bot";
    }
    return RESERVED.contains(slug) ? slug + "-bot" : slug;
  }

  /** The slug of a name, with {@code -2}, {@code -3}, … appended while {@code taken} says so. */
  public static String unique(String name, Predicate<String> taken) {
    String base = of(name);
    if (!taken.test(base)) {
      return base;
    }
    for (int n = 2; ; n++) {
      String suffix = "-" + n;
      String stem = base.length() + suffix.length() > MAX_LENGTH
          ? base.substring(0, MAX_LENGTH - suffix.length()).replaceAll("-+$", "")
          : base;
      String candidate = stem + suffix;
      if (!taken.test(candidate)) {
        return candidate;
      }
    }
  }
}
