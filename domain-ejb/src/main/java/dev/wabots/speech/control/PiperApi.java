package dev.wabots.speech.control;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Piper's HTTP server ({@code python3 -m piper.http_server}): {@code POST /}
 * {@code {"text","voice","length_scale"}} answers {@code audio/wav}.
 */
@Path("/")
public interface PiperApi extends AutoCloseable {

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces({"audio/wav", "audio/x-wav", MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
  Response synthesize(String body);
}
