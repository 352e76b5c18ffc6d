package dev.wabots.speech.control;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An OpenVoice server (ValyrianTech/openvoice_server): {@code GET /synthesize_speech/?text&voice&accent&speed}
 * answers {@code audio/wav}.
 */
@Path("/")
public interface OpenVoiceApi extends AutoCloseable {

  @GET
  @Path("synthesize_speech/")
  @Produces({"audio/wav", "audio/x-wav", MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
  Response synthesize(@QueryParam("text") String text, @QueryParam("voice") String voice,
      @QueryParam("accent") String accent, @QueryParam("speed") double speed);
}
