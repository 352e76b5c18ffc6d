package dev.wabots.llm.control;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Anthropic's Messages API. Built per base URL. */
@Path("/")
public interface AnthropicApi extends AutoCloseable {

  String VERSION = "2023-06-01";

  @POST
  @Path("v1/messages")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  Response messages(
      @HeaderParam("x-api-key") String apiKey, @HeaderParam("anthropic-version") String version, String body);
}
