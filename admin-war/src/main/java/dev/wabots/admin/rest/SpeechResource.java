package dev.wabots.admin.rest;

import dev.wabots.security.BotCallers;
import dev.wabots.speech.boundary.Speech;
import dev.wabots.speech.boundary.VoiceReply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * Voice notes for bot processes: {@code {"text","engine","voice","preset"}} (the last three default
 * to the bot's settings) → {@code audio/ogg} (Opus, mono). 503 JSON when the engine or ffmpeg is
 * unavailable, 502 when it failed on this text.
 */
@ApplicationScoped
@Path("internal/speech")
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class SpeechResource {

  public static final String OGG = "audio/ogg";
  static final Set<String> FIELDS = Set.of("text", "engine", "voice", "preset");

  @Inject Speech speech;

  @Inject BotCallers bots;

  @POST
  // Clients that only say they accept JSON (MicroProfile REST clients do by default) still get audio.
  @Produces({OGG, MediaType.APPLICATION_JSON})
  @Operation(summary = "A voice note (OGG/Opus mono) of the text for the calling bot (bot token only)")
  public Response speak(String body) {
    bots.callingBot();
    JsonBody json = JsonBody.parse(body, false).only(FIELDS);
    String text = json.text("text");
    String engine = json.text("engine");
    String voice = json.text("voice");
    String preset = json.text("preset");
    json.done();
    VoiceReply note = speech.speak(text, engine, voice, preset);
    return Response.ok(note.audio(), OGG)
        .header("X-Voice-Engine", note.engine())
        .header("X-Voice-Voice", note.voice())
        .header("X-Voice-Duration-Ms", note.durationMillis())
        .header("X-Voice-Bitrate-Kbps", note.bitrateKbps())
        .build();
  }
}
