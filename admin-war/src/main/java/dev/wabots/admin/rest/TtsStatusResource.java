package dev.wabots.admin.rest;

import dev.wabots.speech.boundary.Speech;
import dev.wabots.speech.boundary.TtsStatus;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Which TTS engines can speak right now, and why the others cannot. */
@Path("admin/tts/status")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class TtsStatusResource {

  @Inject Speech speech;

  @GET
  @Operation(summary = "TTS engines available/unavailable with reasons, ffmpeg, voices, presets and limits")
  public TtsStatus status() {
    return speech.status();
  }
}
