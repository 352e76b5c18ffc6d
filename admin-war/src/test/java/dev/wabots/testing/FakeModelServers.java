package dev.wabots.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Local stand-ins for the three model APIs the orchestrator speaks — OpenAI-compatible (as vLLM
 * serves it), Google Gemini and Anthropic Messages — on 127.0.0.1. Each checks the request the way
 * the real service does (path, method, headers, required body fields) and answers with the real
 * service's success and error bodies. A request the real service would refuse is answered with
 * its 400 and recorded as a violation, so a test can assert there were none.
 *
 * <p>Behaviour is chosen by the model name: {@code …slow…} answers after {@link #SLOW_MILLIS},
 * {@code …limited…} is rate-limited (429), {@code …broken…} fails (500), {@code …overloaded…}
 * (Anthropic) answers 529; a key other than the valid one is refused (401; Gemini: 400
 * {@code API_KEY_INVALID}, or 401 {@code UNAUTHENTICATED} for {@link #EXPIRED_KEY}).
 */
public final class FakeModelServers implements AutoCloseable {

  public static final String OPENAI_KEY = "sk-test-openai-key-0001";
  public static final String GEMINI_KEY = "AIza-test-gemini-key-0002";
  public static final String ANTHROPIC_KEY = "sk-ant-test-key-0003";
  public static final String EXPIRED_KEY = "expired-key-0004";
  public static final String VLLM_MODEL = "fake-vllm-model";
  public static final long SLOW_MILLIS = 5_000;
  /** The text of the internal page the model "intranet" answers with. */
  public static final String INTRANET_SECRET = "intranet-only: db password hunter2";

  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern GEMINI_PATH = Pattern.compile("/v1beta/models/([^/:]+):generateContent");

  /** One request as the fake received it; header names in lower case. */
  public record Seen(String method, String path, Map<String, String> headers, JsonNode body) {

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fake-model-server");
    t.setDaemon(true);
    return t;
  });
  private final HttpServer openAi;
  private final HttpServer gemini;
  private final HttpServer anthropic;
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final Map<String, List<Seen>> seen = new ConcurrentHashMap<>();
  /** What Gemini "hears" in audio sent as inline data (speech to text through audio input). */
  private volatile String geminiHears = "gemini heard nothing";

  /** Gemini's transcript of the next voice notes. */
  public void geminiHears(String text) {
    geminiHears = text;
  }

  /** Audio types Gemini documents for inline data. */
  static final List<String> GEMINI_AUDIO = List.of("audio/wav", "audio/mp3", "audio/mpeg", "audio/aiff", "audio/aac",
      "audio/ogg", "audio/flac");

  /** Canned OpenAI-compatible answers: when the last user message contains the key, this text. */
  private final Map<String, String> canned = new ConcurrentHashMap<>();

  private FakeModelServers() throws IOException {
    openAi = server(this::openAi);
    gemini = server(this::gemini);
    anthropic = server(this::anthropic);
  }

  public static FakeModelServers start() {
    try {
      return new FakeModelServers();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpServer server(Handler handler) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    s.setExecutor(threads);
    s.createContext("/", exchange -> {
      try {
        handler.handle(exchange);
      } catch (RuntimeException e) {
        violations.add("fake crashed: " + e);
        throw e;
      } finally {
        exchange.close();
      }
    });
    s.start();
    return s;
  }

  interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  public URI openAi() {
    return uri(openAi);
  }

  public URI gemini() {
    return uri(gemini);
  }

  public URI anthropic() {
    return uri(anthropic);
  }

  private static URI uri(HttpServer s) {
    return URI.create("http://127.0.0.1:" + s.getAddress().getPort());
  }

  /** Requests the real service would have refused. */
  public List<String> violations() {
    return List.copyOf(violations);
  }

  /** The requests one fake received ({@code openai}, {@code gemini}, {@code anthropic}), oldest first. */
  public List<Seen> seen(String api) {
    return List.copyOf(seen.getOrDefault(api, List.of()));
  }

  public Seen last(String api) {
    List<Seen> all = seen(api);
    if (all.isEmpty()) {
      throw new AssertionError("the " + api + " fake received nothing");
    }
    return all.get(all.size() - 1);
  }

  /**
   * From now on the OpenAI-compatible fake answers {@code reply} (as it is, no "openai says:")
   * when the last user message contains {@code fragment}.
   */
  public void answer(String fragment, String reply) {
    canned.put(fragment, reply);
  }

  public void forget() {
    seen.clear();
    violations.clear();
  }

  @Override
  public void close() {
    openAi.stop(0);
    gemini.stop(0);
    anthropic.stop(0);
    threads.shutdownNow();
  }

  // ------------------------------------------------------------------ OpenAI-compatible (vLLM)

  private void openAi(HttpExchange x) throws IOException {
    Seen s = record("openai", x);
    String auth = s.header("Authorization");
    if (auth != null && !auth.equals("Bearer " + OPENAI_KEY)) {
      openAiError(x, 401, "Incorrect API key provided: " + mask(auth.replaceFirst("^Bearer ", ""))
          + ". You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_request_error", "invalid_api_key");
      return;
    }
    if (s.method().equals("GET") && s.path().equals("/v1/models")) {
      ObjectNode list = JSON.createObjectNode().put("object", "list");
      list.putArray("data").addObject().put("id", VLLM_MODEL).put("object", "model").put("created", 1_700_000_000)
          .put("owned_by", "vllm").put("max_model_len", 32768);
      send(x, 200, list);
      return;
    }
    if (!s.method().equals("POST") || !s.path().equals("/v1/chat/completions")) {
      violation(s, "no such route");
      send(x, 404, JSON.createObjectNode().put("detail", "Not Found"));
      return;
    }
    String problem = openAiProblem(s);
    if (problem != null) {
      violation(s, problem);
      openAiError(x, 400, problem, "BadRequestError", null);
      return;
    }
    String model = s.body().get("model").asText();
    if (model.contains("limited")) {
      openAiError(x, 429, "Rate limit reached for " + model + " in organization org-fake on requests per min (RPM): "
          + "Limit 3, Used 3, Requested 1. Please try again in 20s.", "requests", "rate_limit_exceeded");
      return;
    }
    if (model.contains("intranet")) {
      // What an internal web page answers: not a model service at all.
      byte[] page = ("<html><title>Router admin</title><body>" + INTRANET_SECRET + "</body></html>").getBytes(StandardCharsets.UTF_8);
      x.getResponseHeaders().set("Content-Type", "text/html");
      x.sendResponseHeaders(200, page.length);
      x.getResponseBody().write(page);
      x.close();
      return;
    }
    if (model.contains("broken")) {
      openAiError(x, 500, "The server had an error while processing your request. Sorry about that!", "server_error", null);
      return;
    }
    slowIf(model);
    String question = lastUserText(s.body().get("messages"), "content");
    String reply = canned.entrySet().stream().filter(c -> question.contains(c.getKey())).map(Map.Entry::getValue)
        .findFirst().orElse("openai says: " + question);
    ObjectNode answer = JSON.createObjectNode().put("id", "chatcmpl-fake").put("object", "chat.completion")
        .put("created", 1_700_000_000).put("model", model);
    ObjectNode choice = answer.putArray("choices").addObject().put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", reply);
    choice.putNull("logprobs");
    choice.put("finish_reason", "stop");
    int prompt = tokens(s.body().get("messages").toString());
    int completion = tokens(reply);
    answer.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
        .put("total_tokens", prompt + completion);
    send(x, 200, answer);
  }

  private static String openAiProblem(Seen s) {
    String type = s.header("Content-Type");
    if (type == null || !type.startsWith("application/json")) {
      return "Content-Type must be application/json, not " + type;
    }
    JsonNode b = s.body();
    if (b == null || !b.path("model").isTextual()) {
      return "model: field required";
    }
    if (!b.path("messages").isArray() || b.get("messages").isEmpty()) {
      return "messages: must be a non-empty list";
    }
    for (JsonNode m : b.get("messages")) {
      if (!m.path("role").isTextual() || !List.of("system", "user", "assistant").contains(m.get("role").asText())
          || !(m.path("content").isTextual() || m.path("content").isArray() && m.get("role").asText().equals("user"))) {
        return "messages: each needs role system|user|assistant and string content (parts only for user): " + m;
      }
      if (m.path("content").isArray()) {
        String problem = contentPartsProblem(m.get("content"));
        if (problem != null) {
          return problem;
        }
      }
    }
    if (b.path("stream").asBoolean(false)) {
      return "stream: the orchestrator must not stream";
    }
    return null;
  }

  private void openAiError(HttpExchange x, int status, String message, String type, String code) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject("error").put("message", message).put("type", type);
    error.putNull("param");
    if (code == null) {
      error.putNull("code");
    } else {
      error.put("code", code);
    }
    send(x, status, body);
  }

  // ------------------------------------------------------------------ Gemini

  private void gemini(HttpExchange x) throws IOException {
    Seen s = record("gemini", x);
    Matcher m = GEMINI_PATH.matcher(s.path());
    if (!s.method().equals("POST") || !m.matches()) {
      violation(s, "no such route");
      geminiError(x, 404, "Requested entity was not found.", "NOT_FOUND");
      return;
    }
    String key = s.header("x-goog-api-key");
    if (key == null) {
      violation(s, "no x-goog-api-key header");
      geminiError(x, 403, "Method doesn't allow unregistered callers (callers without established identity). "
          + "Please use API Key or other form of API consumer identity to call this API.", "PERMISSION_DENIED");
      return;
    }
    if (key.equals(EXPIRED_KEY)) {
      geminiError(x, 401, "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie "
          + "or other valid authentication credential.", "UNAUTHENTICATED");
      return;
    }
    if (!key.equals(GEMINI_KEY)) {
      ObjectNode body = JSON.createObjectNode();
      ObjectNode error = body.putObject("error").put("code", 400)
          .put("message", "API key not valid. Please pass a valid API key.").put("status", "INVALID_ARGUMENT");
      error.putArray("details").addObject().put("@type", "type.googleapis.com/google.rpc.ErrorInfo")
          .put("reason", "API_KEY_INVALID").put("domain", "googleapis.com")
          .putObject("metadata").put("service", "generativelanguage.googleapis.com");
      send(x, 400, body);
      return;
    }
    String problem = geminiProblem(s);
    if (problem != null) {
      violation(s, problem);
      geminiError(x, 400, "Invalid JSON payload received. " + problem, "INVALID_ARGUMENT");
      return;
    }
    String model = m.group(1);
    if (model.contains("limited")) {
      geminiError(x, 429, "Resource has been exhausted (e.g. check quota).", "RESOURCE_EXHAUSTED");
      return;
    }
    if (model.contains("broken")) {
      geminiError(x, 500, "An internal error has occurred. Please retry or report in "
          + "https://developers.generativeai.google/guide/troubleshooting", "INTERNAL");
      return;
    }
    slowIf(model);
    String audio = geminiAudioProblem(s.body());
    if (audio != null && !audio.isEmpty()) {
      violation(s, audio);
      geminiError(x, 400, audio, "INVALID_ARGUMENT");
      return;
    }
    String reply = audio != null ? geminiHears : "gemini says: " + lastGeminiText(s.body());
    ObjectNode answer = JSON.createObjectNode();
    ObjectNode candidate = answer.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content");
    content.putArray("parts").addObject().put("text", reply);
    content.put("role", "model");
    candidate.put("finishReason", "STOP").put("index", 0);
    int prompt = tokens(s.body().toString());
    int completion = tokens(reply);
    answer.putObject("usageMetadata").put("promptTokenCount", prompt).put("candidatesTokenCount", completion)
        .put("totalTokenCount", prompt + completion);
    answer.put("modelVersion", model).put("responseId", "fake-response");
    send(x, 200, answer);
  }

  private static String geminiProblem(Seen s) {
    JsonNode b = s.body();
    if (b == null || !b.path("contents").isArray() || b.get("contents").isEmpty()) {
      return "contents: must be a non-empty list";
    }
    for (JsonNode c : b.get("contents")) {
      String role = c.path("role").asText();
      if (!role.equals("user") && !role.equals("model")) {
        return "contents[].role: must be user or model, not '" + role + "'";
      }
      if (!c.path("parts").isArray() || !c.get("parts").get(0).path("text").isTextual()) {
        return "contents[].parts: need text parts";
      }
    }
    if (b.has("systemInstruction") && !b.path("systemInstruction").path("parts").path(0).path("text").isTextual()) {
      return "systemInstruction: needs parts with text";
    }
    for (String field : List.of("messages", "system", "temperature", "max_tokens", "top_p")) {
      if (b.has(field)) {
        return "Unknown name \"" + field + "\": Cannot find field.";
      }
    }
    return null;
  }

  /**
   * Null when no part carries inline data; "" for valid audio (a documented type, base64 that decodes,
   * the bytes of that type); otherwise what Gemini would refuse.
   */
  private static String geminiAudioProblem(JsonNode body) {
    String found = null;
    for (JsonNode c : body.get("contents")) {
      for (JsonNode part : c.path("parts")) {
        JsonNode inline = part.has("inline_data") ? part.get("inline_data") : part.get("inlineData");
        if (inline == null) {
          continue;
        }
        String type = inline.has("mime_type") ? inline.path("mime_type").asText() : inline.path("mimeType").asText();
        if (!type.startsWith("audio/")) {
          continue;
        }
        if (!GEMINI_AUDIO.contains(type)) {
          return "Unsupported MIME type: " + type;
        }
        byte[] data;
        try {
          data = java.util.Base64.getDecoder().decode(inline.path("data").asText());
        } catch (IllegalArgumentException e) {
          return "Invalid value at 'contents[0].parts[1].inline_data.data' (TYPE_BYTES), Base64 decoding failed";
        }
        boolean ogg = data.length > 4 && data[0] == 'O' && data[1] == 'g' && data[2] == 'g' && data[3] == 'S';
        boolean wav = data.length > 4 && data[0] == 'R' && data[1] == 'I' && data[2] == 'F' && data[3] == 'F';
        if (type.equals("audio/ogg") && !ogg || type.equals("audio/wav") && !wav || data.length == 0) {
          return "The audio file could not be processed (not " + type + ")";
        }
        found = "";
      }
    }
    return found;
  }

  private void geminiError(HttpExchange x, int status, String message, String code) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("code", status).put("message", message).put("status", code);
    send(x, status, body);
  }

  // ------------------------------------------------------------------ Anthropic

  private void anthropic(HttpExchange x) throws IOException {
    Seen s = record("anthropic", x);
    if (!s.method().equals("POST") || !s.path().equals("/v1/messages")) {
      violation(s, "no such route");
      anthropicError(x, 404, "not_found_error", "Not found");
      return;
    }
    if (!"2023-06-01".equals(s.header("anthropic-version"))) {
      violation(s, "anthropic-version header");
      anthropicError(x, 400, "invalid_request_error", "anthropic-version: header is required");
      return;
    }
    String key = s.header("x-api-key");
    if (key == null || !key.equals(ANTHROPIC_KEY)) {
      anthropicError(x, 401, "authentication_error", "invalid x-api-key");
      return;
    }
    String problem = anthropicProblem(s);
    if (problem != null) {
      violation(s, problem);
      anthropicError(x, 400, "invalid_request_error", problem);
      return;
    }
    String model = s.body().get("model").asText();
    if (model.contains("limited")) {
      x.getResponseHeaders().add("retry-after", "20");
      anthropicError(x, 429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit");
      return;
    }
    if (model.contains("overloaded")) {
      anthropicError(x, 529, "overloaded_error", "Overloaded");
      return;
    }
    if (model.contains("broken")) {
      anthropicError(x, 500, "api_error", "Internal server error");
      return;
    }
    slowIf(model);
    String reply = "anthropic says: " + lastUserText(s.body().get("messages"), "content");
    ObjectNode answer = JSON.createObjectNode().put("id", "msg_fake").put("type", "message").put("role", "assistant")
        .put("model", model);
    answer.putArray("content").addObject().put("type", "text").put("text", reply);
    answer.put("stop_reason", "end_turn").putNull("stop_sequence");
    answer.putObject("usage").put("input_tokens", tokens(s.body().toString())).put("output_tokens", tokens(reply));
    send(x, 200, answer);
  }

  private static String anthropicProblem(Seen s) {
    JsonNode b = s.body();
    if (b == null || !b.path("model").isTextual()) {
      return "model: Field required";
    }
    if (!b.path("max_tokens").isInt()) {
      return "max_tokens: Field required";
    }
    if (!b.path("messages").isArray() || b.get("messages").isEmpty()) {
      return "messages: Field required";
    }
    for (JsonNode m : b.get("messages")) {
      String role = m.path("role").asText();
      if (role.equals("system")) {
        return "messages: Unexpected role \"system\". The Messages API accepts a top-level `system` parameter, "
            + "not \"system\" as an input message role.";
      }
      if (!role.equals("user") && !role.equals("assistant")) {
        return "messages: Input tag '" + role + "' found using 'role' does not match any of the expected tags: 'user', 'assistant'";
      }
    }
    if (b.has("system") && !b.get("system").isTextual()) {
      return "system: Input should be a valid string";
    }
    if (b.has("temperature") && b.has("top_p")) {
      return "`temperature` and `top_p` cannot both be specified for this model. Please use only one.";
    }
    if (b.has("temperature") && (b.get("temperature").asDouble() < 0 || b.get("temperature").asDouble() > 1)) {
      return "temperature: range: 0 <= temperature <= 1";
    }
    return null;
  }

  private void anthropicError(HttpExchange x, int status, String type, String message) throws IOException {
    ObjectNode body = JSON.createObjectNode().put("type", "error");
    body.putObject("error").put("type", type).put("message", message);
    body.put("request_id", "req_fake");
    send(x, status, body);
  }

  // ------------------------------------------------------------------ shared

  private Seen record(String api, HttpExchange x) throws IOException {
    byte[] raw = x.getRequestBody().readAllBytes();
    JsonNode body = null;
    if (raw.length > 0) {
      try {
        body = JSON.readTree(raw);
      } catch (IOException e) {
        violations.add(api + ": body is not JSON: " + new String(raw, StandardCharsets.UTF_8));
      }
    }
    Map<String, String> headers = new TreeMap<>();
    x.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
    Seen s = new Seen(x.getRequestMethod(), x.getRequestURI().getRawPath(), headers, body);
    seen.computeIfAbsent(api, k -> new CopyOnWriteArrayList<>()).add(s);
    return s;
  }

  private void violation(Seen s, String what) {
    violations.add(s.method() + " " + s.path() + ": " + what);
  }

  private static void slowIf(String model) {
    if (model.contains("slow")) {
      try {
        Thread.sleep(SLOW_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** OpenAI's content parts: {@code text} and {@code image_url} (an http(s) URL or a base64 data URL of an image). */
  private static String contentPartsProblem(JsonNode parts) {
    for (JsonNode p : parts) {
      String type = p.path("type").asText();
      if (type.equals("text")) {
        if (!p.path("text").isTextual()) {
          return "messages: a text part needs text";
        }
      } else if (type.equals("image_url")) {
        String url = p.path("image_url").path("url").asText("");
        Matcher data = Pattern.compile("data:(image/(?:jpeg|png|webp|gif));base64,(.+)").matcher(url);
        if (data.matches()) {
          try {
            java.util.Base64.getDecoder().decode(data.group(2));
          } catch (IllegalArgumentException e) {
            return "Invalid image data: not base64";
          }
        } else if (!url.startsWith("https://") && !url.startsWith("http://")) {
          return "Invalid image URL: expected a data URL of an image or an http(s) URL";
        }
      } else {
        return "messages: unknown content part type '" + type + "'";
      }
    }
    return null;
  }

  private static String lastUserText(JsonNode messages, String field) {
    String text = "";
    for (JsonNode m : messages) {
      if (m.path("role").asText().equals("user")) {
        JsonNode content = m.path(field);
        if (content.isArray()) {
          StringBuilder joined = new StringBuilder();
          content.forEach(p -> joined.append(p.path("type").asText().equals("text") ? p.path("text").asText() : " [image]"));
          text = joined.toString();
        } else {
          text = content.asText();
        }
      }
    }
    return text;
  }

  private static String lastGeminiText(JsonNode body) {
    List<String> texts = new ArrayList<>();
    for (JsonNode c : body.get("contents")) {
      if (c.path("role").asText().equals("user")) {
        texts.add(c.get("parts").get(0).get("text").asText());
      }
    }
    return texts.isEmpty() ? "" : texts.get(texts.size() - 1);
  }

  private static int tokens(String text) {
    return Math.max(1, text.length() / 4);
  }

  private static String mask(String key) {
    return key.length() < 8 ? "***" : key.substring(0, 3) + "***" + key.substring(key.length() - 3);
  }

  static void send(HttpExchange x, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    x.getResponseHeaders().set("Content-Type", "application/json");
    x.sendResponseHeaders(status, bytes.length);
    x.getResponseBody().write(bytes);
  }
}
