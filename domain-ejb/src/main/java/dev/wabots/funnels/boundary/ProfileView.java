package dev.wabots.funnels.boundary;

import java.util.List;
import java.util.Map;

/**
 * A bot's business profile as the API and the panel show it.
 *
 * @param profile the fields the bot sets itself (the secret masked)
 * @param effective every field as the funnel uses it: the bot's own, else the definition's default
 *     (the secret masked)
 * @param placeholders fields still holding the shipped placeholders: the bot cannot go live
 * @param priceLabels the prices the bot's funnel quotes, by name, with what people call them
 * @param applied what the running bot did with the change: null when nothing changed or it is not
 *     running (it takes the profile when it starts)
 */
public record ProfileView(
    String instanceId,
    Map<String, Object> profile,
    Map<String, Object> effective,
    List<String> placeholders,
    Map<String, String> priceLabels,
    boolean secretSet,
    String applied) {

  public ProfileView withApplied(String what) {
    return new ProfileView(instanceId, profile, effective, placeholders, priceLabels, secretSet, what);
  }
}
