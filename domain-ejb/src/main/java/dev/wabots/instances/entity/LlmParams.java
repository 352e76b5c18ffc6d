package dev.wabots.instances.entity;

/**
 * Sampling parameters for a bot's LLM. Each may be absent (the backend's default applies).
 *
 * @param temperature 0–2
 * @param maxTokens 1–32768
 * @param topP 0–1
 */
@jakarta.json.bind.annotation.JsonbNillable(false)
public record LlmParams(Double temperature, Integer maxTokens, Double topP) {

  public static final LlmParams DEFAULTS = new LlmParams(null, null, null);

  public String toJson() {
    var json = jakarta.json.Json.createObjectBuilder();
    if (temperature != null) {
      json.add("temperature", temperature);
    }
    if (maxTokens != null) {
      json.add("max_tokens", maxTokens);
    }
    if (topP != null) {
      json.add("top_p", topP);
    }
    return json.build().toString();
  }
}
