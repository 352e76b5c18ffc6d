package dev.wabots.llm.control;

import dev.wabots.instances.entity.LlmParams;
import dev.wabots.llm.entity.ChatMessage;
import dev.wabots.llm.entity.ProviderType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Map;

/**
 * Anthropic's Messages API: {@code POST {base}/v1/messages} with {@code x-api-key} and
 * {@code anthropic-version: 2023-06-01}; the system prompt in the top-level {@code system} field;
 * {@code max_tokens} is required (the bot's, else {@code wabots.llm.anthropic.max-tokens}).
 * Temperature is capped at 1 (Anthropic's range) and {@code top_p} is sent only without a
 * temperature (current models refuse both at once).
 */
@ApplicationScoped
public class Anthropic implements LlmBackend {

  /** The API version the requests are written for ({@code anthropic-version}). */
  static final String VERSION = "2023-06-01";

  @Inject ChatHttp http;

  @Inject LlmSettings settings;

  @Override
  public Completion complete(Target target, Prompt prompt) {
    if (!target.hasKey()) {
      throw new UpstreamFailure(ErrorKind.CONFIG, null, "no Anthropic API key stored for " + target.backend());
    }
    if (target.model() == null || target.model().isBlank()) {
      throw new UpstreamFailure(ErrorKind.CONFIG, null, "no model stored for " + target.backend());
    }
    String body = http.post(ProviderType.ANTHROPIC, target.apiKey(), target.baseUrl(), "v1/messages",
        Map.of("x-api-key", target.apiKey(), "anthropic-version", VERSION),
        request(target.model(), prompt, settings.anthropicMaxTokens()).toString(), settings.connectTimeout(),
        settings.readTimeout());
    return answer(body, target.model());
  }

  static JsonObject request(String model, Prompt prompt, int defaultMaxTokens) {
    LlmParams p = prompt.params();
    JsonObjectBuilder body = JsonText.JSON.createObjectBuilder()
        .add("model", model)
        .add("max_tokens", p.maxTokens() != null ? p.maxTokens() : defaultMaxTokens);
    if (prompt.system() != null && !prompt.system().isBlank()) {
      body.add("system", prompt.system());
    }
    JsonArrayBuilder messages = JsonText.JSON.createArrayBuilder();
    for (ChatMessage m : prompt.messages()) {
      if (m.image() != null) {
        messages.add(JsonText.JSON.createObjectBuilder().add("role", m.role()).add("content", JsonText.JSON.createArrayBuilder()
            .add(JsonText.JSON.createObjectBuilder().add("type", "image").add("source", JsonText.JSON.createObjectBuilder()
                .add("type", "base64").add("media_type", m.image().mimeType()).add("data", m.image().dataBase64())))
            .add(JsonText.JSON.createObjectBuilder().add("type", "text").add("text", m.content()))));
      } else {
        messages.add(JsonText.JSON.createObjectBuilder().add("role", m.role()).add("content", m.content()));
      }
    }
    body.add("messages", messages);
    if (p.temperature() != null) {
      body.add("temperature", Math.min(1.0, p.temperature()));
    } else if (p.topP() != null) {
      body.add("top_p", p.topP());
    }
    return body.build();
  }

  static Completion answer(String body, String model) {
    JsonObject json = JsonText.object(body);
    JsonArray content = JsonText.array(json, "content");
    if (content == null) {
      throw new UpstreamFailure(ErrorKind.OTHER, 200, "the answer is no Anthropic message (no content): " + UpstreamErrors.describe(body));
    }
    StringBuilder text = new StringBuilder();
    for (JsonValue v : content) {
      if (v instanceof JsonObject block && "text".equals(JsonText.string(block, "type"))) {
        text.append(JsonText.string(block, "text"));
      }
    }
    String clean = Replies.clean(text.toString());
    if (clean.isEmpty()) {
      String reason = JsonText.string(json, "stop_reason");
      throw new UpstreamFailure("refusal".equals(reason) ? ErrorKind.BAD_REQUEST : ErrorKind.OTHER, 200,
          "empty answer (stop_reason " + reason + ")");
    }
    JsonObject usage = JsonText.object(json, "usage");
    String answeredBy = JsonText.string(json, "model");
    return new Completion(clean, answeredBy == null || answeredBy.isBlank() ? model : answeredBy,
        JsonText.integer(usage, "input_tokens"), JsonText.integer(usage, "output_tokens"));
  }
}
