package dev.wabots.admin.rest;

import dev.wabots.speech.boundary.Transcriptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * Speech to text for bot processes: a customer's voice note as the body, its audio type in
 * {@code X-Audio-Type} (else the content type) → {@code {"text","seconds"}}. 409 when the bot has it off, 422 when the note is
 * longer than its {@code stt_max_seconds}, 503 when the engine is unavailable, 502 when it failed.
 */
@ApplicationScoped
@Path("internal/transcription")
@SecurityRequirement(name = "bearer")
public class TranscriptionResource {

  @Inject Transcriptions transcriptions;

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The text of a customer's voice note, with the calling bot's STT settings (bot token only)")
  public JsonObject transcribe(@HeaderParam("X-Audio-Type") String audioType, @HeaderParam("Content-Type") String type,
      byte[] audio) {
    Transcriptions.Transcript t = transcriptions.transcribe(audio, audioType != null ? audioType : type);
    return Json.createObjectBuilder().add("text", t.text()).add("seconds", t.seconds()).build();
  }
}
