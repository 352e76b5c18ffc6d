package dev.wabots.speech.control;

import dev.wabots.llm.control.RestClients;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.GenericEntity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Speech to text over OpenAI's transcription API. Sends the audio as it came unless the server
 * needs another format ({@code wabots.stt.openai.format}, e.g. {@code wav} for whisper.cpp), then
 * ffmpeg converts it first.
 */
public final class OpenAiTranscriber {

  private final Optional<String> baseUrl;
  private final String model;
  private final Optional<String> apiKey;
  private final String format;
  private final RestClients clients;
  private final Duration connect;
  private final Duration read;
  private final AudioTool audio;

  public OpenAiTranscriber(Optional<String> baseUrl, String model, Optional<String> apiKey, String format,
      RestClients clients, Duration connect, Duration read, AudioTool audio) {
    this.baseUrl = baseUrl.map(String::strip).filter(s -> !s.isEmpty());
    this.model = model;
    this.apiKey = apiKey.filter(k -> !k.isBlank());
    this.format = format == null ? "" : format.strip();
    this.clients = clients;
    this.connect = connect;
    this.read = read;
    this.audio = audio;
  }

  /** Why it cannot be used at all, or empty. */
  public Optional<String> problem() {
    if (baseUrl.isEmpty()) {
      return Optional.of("not configured (wabots.stt.openai.base-url)");
    }
    if (!format.isEmpty() && audio.problem().isPresent()) {
      return Optional.of("converting to " + format + " needs ffmpeg: " + audio.problem().get());
    }
    return Optional.empty();
  }

  public String detail() {
    return baseUrl.map(u -> u + " model " + model + (format.isEmpty() ? "" : ", audio as " + format)).orElse(null);
  }

  /**
   * The text of {@code data}.
   *
   * @throws SpeechError when the server cannot be reached ({@code unavailable}) or refuses the audio
   */
  public String transcribe(byte[] data, String mimeType, String language) {
    String type = mimeType;
    String extension = AudioTool.extension(mimeType);
    if (!format.isEmpty() && !format.equals(extension)) {
      data = audio.convert(data, extension, format);
      extension = format;
      type = AudioTool.mimeOf(format);
    }
    List<EntityPart> parts = new ArrayList<>();
    try {
      parts.add(EntityPart.withName("file").fileName("voice." + extension).content(data)
          .mediaType(MediaType.valueOf(type)).build());
      parts.add(EntityPart.withName("model").content(model).build());
      if (language != null) {
        parts.add(EntityPart.withName("language").content(language).build());
      }
      parts.add(EntityPart.withName("response_format").content("json").build());
    } catch (java.io.IOException e) {
      throw new SpeechError("cannot build the request: " + e.getMessage(), false);
    }
    TranscriptionApi api = clients.get(TranscriptionApi.class, baseUrl.orElseThrow(), connect, read);
    try (Response r = api.transcribe(apiKey.map(k -> "Bearer " + k).orElse(null), new GenericEntity<>(parts) { })) {
      String body = r.hasEntity() ? r.readEntity(String.class) : "";
      JsonObject json = object(body);
      if (r.getStatus() != 200) {
        String message = json.get("error") instanceof JsonObject e ? e.getString("message", body) : body;
        String why = "HTTP " + r.getStatus() + ": " + (message.length() > 300 ? message.substring(0, 300) : message);
        throw new SpeechError(why, r.getStatus() >= 500 || r.getStatus() == 401 || r.getStatus() == 404);
      }
      if (!(json.get("text") instanceof JsonString text)) {
        throw new SpeechError("the answer has no text", false);
      }
      return text.getString().strip();
    } catch (ProcessingException e) {
      throw new SpeechError("cannot reach " + baseUrl.get() + ": " + e.getMessage(), true);
    }
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
