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
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code POST {base}/v1/chat/completions}, {@code Authorization: Bearer <key>} when there is a key.
 * Without a configured model the server is asked which it serves ({@code GET /v1/models}, first
 * entry, cached) — what a local vLLM or llama.cpp server started with one model expects.
 */
@ApplicationScoped
public class OpenAiCompatible implements LlmBackend {

  @Inject RestClients clients;

  @Inject ChatHttp http;

  @Inject LlmSettings settings;

  private final Map<String, ServedModel> served = new ConcurrentHashMap<>();

  record ServedModel(String id, Instant until) {}

  @Override
  public Completion complete(Target target, Prompt prompt) {
    OpenAiApi api = clients.get(OpenAiApi.class, target.baseUrl(), settings.connectTimeout(), settings.readTimeout());
    String authorization = target.hasKey() ? "Bearer " + target.apiKey() : null;
    String model = target.model() != null ? target.model() : servedModel(api, target, authorization);
    String body = http.post(ProviderType.OPENAI_COMPATIBLE, target.apiKey(), target.baseUrl(), "v1/chat/completions",
        authorization == null ? Map.of() : Map.of("Authorization", authorization), request(model, prompt).toString(),
        settings.connectTimeout(), settings.readTimeout());
    return answer(body, model);
  }

  private String servedModel(OpenAiApi api, Target target, String authorization) {
    String cacheKey = target.baseUrl() + (target.hasKey() ? " key" : "");
    ServedModel known = served.get(cacheKey);
    if (known != null && known.until().isAfter(Instant.now())) {
      return known.id();
    }
    String body = Upstream.send(ProviderType.OPENAI_COMPATIBLE, target.apiKey(), () -> api.models(authorization));
    String id = firstModel(body);
    if (id == null) {
      throw new UpstreamFailure(ErrorKind.CONFIG, null,
          "the server at " + target.baseUrl() + " lists no model (GET /v1/models); configure one");
    }
    served.put(cacheKey, new ServedModel(id, Instant.now().plus(settings.modelsCache())));
    return id;
  }

  /** The request body: the system prompt first, then the conversation, then the bot's parameters. */
  static JsonObject request(String model, Prompt prompt) {
    JsonArrayBuilder messages = JsonText.JSON.createArrayBuilder();
    if (prompt.system() != null && !prompt.system().isBlank()) {
      messages.add(JsonText.JSON.createObjectBuilder().add("role", ChatMessage.SYSTEM).add("content", prompt.system()));
    }
    for (ChatMessage m : prompt.messages()) {
      if (m.image() != null) {
        // OpenAI's vision input: the text and the photo as content parts.
        messages.add(JsonText.JSON.createObjectBuilder().add("role", m.role()).add("content", JsonText.JSON.createArrayBuilder()
            .add(JsonText.JSON.createObjectBuilder().add("type", "text").add("text", m.content()))
            .add(JsonText.JSON.createObjectBuilder().add("type", "image_url")
                .add("image_url", JsonText.JSON.createObjectBuilder().add("url", m.image().dataUrl())))));
      } else {
        messages.add(JsonText.JSON.createObjectBuilder().add("role", m.role()).add("content", m.content()));
      }
    }
    JsonObjectBuilder body = JsonText.JSON.createObjectBuilder().add("model", model).add("messages", messages).add("stream", false);
    LlmParams p = prompt.params();
    if (p.temperature() != null) {
      body.add("temperature", p.temperature());
    }
    if (p.maxTokens() != null) {
      body.add("max_tokens", p.maxTokens());
    }
    if (p.topP() != null) {
      body.add("top_p", p.topP());
    }
    return body.build();
  }

  /** The first choice's text and the reported usage. */
  static Completion answer(String body, String model) {
    JsonObject json = JsonText.object(body);
    JsonArray choices = JsonText.array(json, "choices");
    if (choices == null || choices.isEmpty() || !(choices.get(0) instanceof JsonObject first)) {
      throw new UpstreamFailure(ErrorKind.OTHER, 200,
          "the answer is no OpenAI-compatible chat completion (no choices): " + UpstreamErrors.describe(body));
    }
    JsonObject message = JsonText.object(first, "message");
    String text = Replies.clean(JsonText.string(message, "content"));
    if (text.isEmpty()) {
      String refusal = JsonText.string(message, "refusal");
      throw new UpstreamFailure(refusal != null ? ErrorKind.BAD_REQUEST : ErrorKind.OTHER, 200,
          refusal != null ? "the model refused: " + refusal
              : "empty answer (finish_reason " + JsonText.string(first, "finish_reason") + ")");
    }
    JsonObject usage = JsonText.object(json, "usage");
    String answeredBy = JsonText.string(json, "model");
    return new Completion(text, answeredBy == null || answeredBy.isBlank() ? model : answeredBy,
        JsonText.integer(usage, "prompt_tokens"), JsonText.integer(usage, "completion_tokens"));
  }

  /** The id of the first model {@code GET /v1/models} lists. */
  static String firstModel(String body) {
    JsonArray data = JsonText.array(JsonText.object(body), "data");
    if (data == null) {
      return null;
    }
    for (JsonValue v : data) {
      String id = v instanceof JsonObject o ? JsonText.string(o, "id") : null;
      if (id != null && !id.isBlank()) {
        return id;
      }
    }
    return null;
  }
}
