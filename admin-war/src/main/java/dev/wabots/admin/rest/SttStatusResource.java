package dev.wabots.admin.rest;

import dev.wabots.speech.boundary.SttStatus;
import dev.wabots.speech.boundary.Transcriptions;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Which speech-to-text engines can transcribe right now, and why the others cannot. */
@Path("admin/stt/status")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class SttStatusResource {

  @Inject Transcriptions transcriptions;

  @GET
  @Operation(summary = "STT engines available/unavailable with reasons, ffmpeg/ffprobe and the size limit")
  public SttStatus status() {
    return transcriptions.status();
  }
}
