package dev.wabots.llm.control;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Google's Gemini REST API (generativelanguage.googleapis.com). Built per base URL. */
@Path("/")
public interface GeminiApi extends AutoCloseable {

  @POST
  @Path("v1beta/models/{model}:generateContent")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  Response generateContent(@PathParam("model") String model, @HeaderParam("x-goog-api-key") String apiKey, String body);
}
