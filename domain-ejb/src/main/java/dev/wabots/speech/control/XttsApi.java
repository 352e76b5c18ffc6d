package dev.wabots.speech.control;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An XTTS API server (daswer123/xtts-api-server): {@code POST /tts_to_audio/}
 * {@code {"text","speaker_wav","language"}} answers {@code audio/wav}.
 */
@Path("/")
public interface XttsApi extends AutoCloseable {

  @POST
  @Path("tts_to_audio/")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces({"audio/wav", "audio/x-wav", MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
  Response ttsToAudio(String body);
}
