package dev.wabots.speech.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class GeminiTranscriberTest {

  @Test
  void theVoiceNoteGoesAsInlineAudioAfterAnInstructionInItsLanguage() {
    byte[] ogg = "OggS voice".getBytes();
    JsonObject body = GeminiTranscriber.request(ogg, "audio/ogg", "ru");
    var parts = body.getJsonArray("contents").getJsonObject(0).getJsonArray("parts");
    assertEquals("user", body.getJsonArray("contents").getJsonObject(0).getString("role"));
    assertTrue(parts.getJsonObject(0).getString("text").contains("Russian"), parts.toString());
    JsonObject inline = parts.getJsonObject(1).getJsonObject("inline_data");
    assertEquals("audio/ogg", inline.getString("mime_type"));
    assertEquals("OggS voice", new String(Base64.getDecoder().decode(inline.getString("data"))));
    assertEquals(0, body.getJsonObject("generationConfig").getInt("temperature"));
    assertFalse(body.containsKey("systemInstruction"));
  }

  @Test
  void theTranscriptIsTheFirstCandidatesTextAndNoCandidateIsAFailure() {
    JsonObject answer = Json.createReader(new StringReader("{\"candidates\":[{\"content\":{\"role\":\"model\","
        + "\"parts\":[{\"text\":\" Привет, \"},{\"text\":\"мне нужен бот \"}]},\"finishReason\":\"STOP\"}]}")).readObject();
    assertEquals("Привет, мне нужен бот", GeminiTranscriber.text(answer));
    SpeechError blocked = assertThrows(SpeechError.class, () -> GeminiTranscriber.text(
        Json.createReader(new StringReader("{\"promptFeedback\":{\"blockReason\":\"OTHER\"}}")).readObject()));
    assertFalse(blocked.unavailable(), "the engine works; this note gave nothing");
  }
}
