package dev.wabots.speech.control;

import dev.wabots.llm.control.GeminiApi;
import dev.wabots.llm.control.RestClients;
import dev.wabots.whatsapp.MediaLimits;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Speech to text through Gemini's audio input: {@code POST {base}/v1beta/models/{model}:generateContent}
 * with the key in {@code x-goog-api-key}, one user turn of an instruction and the voice note as
 * {@code inline_data}; the answer's text is the transcript. Gemini takes OGG as it comes from
 * WhatsApp; audio of a type it does not take is converted to WAV with ffmpeg first.
 */
public final class GeminiTranscriber {

  /** The audio types Gemini documents for inline audio. */
  static final Set<String> TYPES = Set.of("audio/wav", "audio/mp3", "audio/mpeg", "audio/aiff", "audio/aac",
      "audio/ogg", "audio/flac");
  private static final Map<String, String> LANGUAGES = Map.of("ru", "Russian", "en", "English", "uk", "Ukrainian",
      "de", "German", "fr", "French", "es", "Spanish", "it", "Italian", "kk", "Kazakh");

  private final RestClients clients;
  private final Duration connect;
  private final Duration read;
  private final AudioTool audio;

  public GeminiTranscriber(RestClients clients, Duration connect, Duration read, AudioTool audio) {
    this.clients = clients;
    this.connect = connect;
    this.read = read;
    this.audio = audio;
  }

  /** The request body: the instruction and the audio (WhatsApp's parameters dropped from the type). */
  static JsonObject request(byte[] data, String mimeType, String language) {
    String name = language == null ? null : LANGUAGES.getOrDefault(language.toLowerCase(Locale.ROOT), language);
    String instruction = "Transcribe this voice message word for word" + (name == null ? "" : ", spoken in " + name)
        + ". Answer with the transcript only, without quotes or comments. If nothing is said, answer with nothing.";
    return Json.createObjectBuilder()
        .add("contents", Json.createArrayBuilder().add(Json.createObjectBuilder().add("role", "user")
            .add("parts", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("text", instruction))
                .add(Json.createObjectBuilder().add("inline_data", Json.createObjectBuilder()
                    .add("mime_type", mimeType).add("data", Base64.getEncoder().encodeToString(data)))))))
        .add("generationConfig", Json.createObjectBuilder().add("temperature", 0))
        .build();
  }

  /**
   * The text of {@code data}.
   *
   * @param baseUrl Gemini's address (without {@code /v1beta})
   * @throws SpeechError when Gemini cannot be reached or answers with an error ({@code unavailable}
   *     for 5xx, 401, 403 and 404) or without text
   */
  public String transcribe(String baseUrl, String model, String apiKey, byte[] data, String mimeType, String language) {
    String type = MediaLimits.baseType(mimeType);
    if (!TYPES.contains(type)) {
      data = audio.convert(data, AudioTool.extension(mimeType), "wav");
      type = "audio/wav";
    }
    String id = model.startsWith("models/") ? model.substring("models/".length()) : model;
    GeminiApi api = clients.get(GeminiApi.class, baseUrl, connect, read);
    try (Response r = api.generateContent(id, apiKey, request(data, type, language).toString())) {
      String body = r.hasEntity() ? r.readEntity(String.class) : "";
      JsonObject json = object(body);
      if (r.getStatus() != 200) {
        String message = json.get("error") instanceof JsonObject e ? e.getString("message", body) : body;
        String why = "Gemini HTTP " + r.getStatus() + ": " + (message.length() > 300 ? message.substring(0, 300) : message);
        int s = r.getStatus();
        throw new SpeechError(why, s >= 500 || s == 401 || s == 403 || s == 404 || s == 429);
      }
      return text(json);
    } catch (ProcessingException e) {
      throw new SpeechError("cannot reach Gemini at " + baseUrl + ": " + e.getMessage(), true);
    }
  }

  /** The first candidate's text parts, joined. */
  static String text(JsonObject answer) {
    if (!(answer.get("candidates") instanceof JsonArray candidates) || candidates.isEmpty()
        || !(candidates.get(0) instanceof JsonObject candidate)
        || !(candidate.get("content") instanceof JsonObject content)
        || !(content.get("parts") instanceof JsonArray parts)) {
      throw new SpeechError("Gemini's answer has no transcript", false);
    }
    StringBuilder text = new StringBuilder();
    for (JsonValue part : parts) {
      if (part instanceof JsonObject p && p.get("text") instanceof JsonString s) {
        text.append(s.getString());
      }
    }
    return text.toString().strip();
  }

  private static JsonObject object(String text) {
    try (var reader = Json.createReader(new StringReader(text))) {
      JsonValue v = reader.readValue();
      return v instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
    } catch (RuntimeException notJson) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
  }
}
