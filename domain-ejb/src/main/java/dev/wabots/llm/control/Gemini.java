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
 * Google's Gemini REST API: {@code POST {base}/v1beta/models/{model}:generateContent} with the key
 * in {@code x-goog-api-key}. The system prompt goes into {@code systemInstruction}, assistant turns
 * have the role {@code model}, parameters go into {@code generationConfig}.
 */
@ApplicationScoped
public class Gemini implements LlmBackend {

  @Inject ChatHttp http;

  @Inject LlmSettings settings;

  @Override
  public Completion complete(Target target, Prompt prompt) {
    if (!target.hasKey()) {
      throw new UpstreamFailure(ErrorKind.CONFIG, null,
          "no Gemini API key: set wabots.llm.gemini.api-key or store an enabled gemini provider");
    }
    String model = modelId(target.model());
    String body = http.post(ProviderType.GEMINI, target.apiKey(), target.baseUrl(),
        "v1beta/models/" + ChatHttp.segment(model) + ":generateContent", Map.of("x-goog-api-key", target.apiKey()),
        request(prompt).toString(), settings.connectTimeout(), settings.readTimeout());
    return answer(body, model);
  }

  /** {@code models/gemini-2.5-flash} and {@code gemini-2.5-flash} name the same model. */
  static String modelId(String model) {
    if (model == null || model.isBlank()) {
      throw new UpstreamFailure(ErrorKind.CONFIG, null, "no Gemini model configured");
    }
    String m = model.strip();
    return m.startsWith("models/") ? m.substring("models/".length()) : m;
  }

  static JsonObject request(Prompt prompt) {
    JsonObjectBuilder body = JsonText.JSON.createObjectBuilder();
    if (prompt.system() != null && !prompt.system().isBlank()) {
      body.add("systemInstruction", JsonText.JSON.createObjectBuilder()
          .add("parts", JsonText.JSON.createArrayBuilder().add(JsonText.JSON.createObjectBuilder().add("text", prompt.system()))));
    }
    JsonArrayBuilder contents = JsonText.JSON.createArrayBuilder();
    for (ChatMessage m : prompt.messages()) {
      JsonArrayBuilder parts = JsonText.JSON.createArrayBuilder().add(JsonText.JSON.createObjectBuilder().add("text", m.content()));
      if (m.image() != null) {
        parts.add(JsonText.JSON.createObjectBuilder().add("inline_data", JsonText.JSON.createObjectBuilder()
            .add("mime_type", m.image().mimeType()).add("data", m.image().dataBase64())));
      }
      contents.add(JsonText.JSON.createObjectBuilder()
          .add("role", m.fromAssistant() ? "model" : "user")
          .add("parts", parts));
    }
    body.add("contents", contents);
    LlmParams p = prompt.params();
    JsonObjectBuilder config = JsonText.JSON.createObjectBuilder();
    if (p.temperature() != null) {
      config.add("temperature", p.temperature());
    }
    if (p.maxTokens() != null) {
      config.add("maxOutputTokens", p.maxTokens());
    }
    if (p.topP() != null) {
      config.add("topP", p.topP());
    }
    JsonObject generation = config.build();
    if (!generation.isEmpty()) {
      body.add("generationConfig", generation);
    }
    return body.build();
  }

  static Completion answer(String body, String model) {
    JsonObject json = JsonText.object(body);
    if (json == null) {
      throw new UpstreamFailure(ErrorKind.OTHER, 200, "the answer is no Gemini answer: " + UpstreamErrors.describe(body));
    }
    JsonArray candidates = JsonText.array(json, "candidates");
    if (candidates == null || candidates.isEmpty() || !(candidates.get(0) instanceof JsonObject first)) {
      String blocked = JsonText.string(JsonText.object(json, "promptFeedback"), "blockReason");
      throw new UpstreamFailure(blocked != null ? ErrorKind.BAD_REQUEST : ErrorKind.OTHER, 200,
          blocked != null ? "Gemini blocked the prompt: " + blocked
              : "the answer has no candidates: " + UpstreamErrors.describe(body));
    }
    StringBuilder text = new StringBuilder();
    JsonArray parts = JsonText.array(JsonText.object(first, "content"), "parts");
    if (parts != null) {
      for (JsonValue v : parts) {
        if (v instanceof JsonObject part && !JsonText.isTrue(part, "thought") && JsonText.string(part, "text") != null) {
          text.append(JsonText.string(part, "text"));
        }
      }
    }
    String clean = Replies.clean(text.toString());
    if (clean.isEmpty()) {
      String reason = JsonText.string(first, "finishReason");
      throw new UpstreamFailure("SAFETY".equals(reason) ? ErrorKind.BAD_REQUEST : ErrorKind.OTHER, 200,
          "empty answer (finishReason " + reason + ")");
    }
    JsonObject usage = JsonText.object(json, "usageMetadata");
    String version = JsonText.string(json, "modelVersion");
    return new Completion(clean, version == null || version.isBlank() ? model : version,
        JsonText.integer(usage, "promptTokenCount"), JsonText.integer(usage, "candidatesTokenCount"));
  }
}
