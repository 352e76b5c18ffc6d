package dev.wabots.funnel;

/** The rules a funnel definition is checked against when loaded. */
public enum DefinitionRule {
  /** The JSON could not be read into a definition. */
  MALFORMED,
  /** A required value, screen or table is missing or blank. */
  REQUIRED,
  /** A message the definition can produce breaks a WhatsApp limit. */
  WHATSAPP_LIMIT,
  /** A reply id the definition emits has no handler. */
  UNHANDLED_REPLY_ID,
  /** A transition points at a screen that does not exist. */
  MISSING_TARGET,
  /** A price or amount is not positive. */
  NEGATIVE_PRICE,
  /** A value is out of range or of the wrong form. */
  INVALID_VALUE,
  /** A key is defined twice, or a route shadows a built-in handler. */
  DUPLICATE,
  /** A text keeps a {@code {placeholder}} nothing fills. */
  UNRESOLVED_PLACEHOLDER,
  /**
   * A step ends with nothing to tap (a route's last screen or an engine-sent closing screen has no
   * buttons or list), or an FAQ answer offers no way home.
   */
  DEAD_END
}
