package dev.wabots.bot.inbox;

import dev.wabots.bot.config.Configuration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The bot's own texts (not the funnel's), in the bot's language. */
@ApplicationScoped
public class Notices {

  @Inject Configuration configuration;

  private volatile ResourceBundle bundle;

  /** The text {@code key}, with {@code {0}}… filled from {@code args}. */
  public String text(String key, Object... args) {
    ResourceBundle b = bundle;
    if (b == null) {
      b = ResourceBundle.getBundle("dev.wabots.bot.notices",
          Locale.forLanguageTag(configuration.settings().languageOrDefault()));
      bundle = b;
    }
    String pattern = b.getString(key);
    return args.length == 0 ? pattern : MessageFormat.format(pattern, args);
  }
}
