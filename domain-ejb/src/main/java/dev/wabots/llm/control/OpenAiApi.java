package dev.wabots.llm.control;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The OpenAI chat API as vLLM, llama.cpp, DeepSeek, OpenRouter, Kimi … serve it. Built per base URL. */
@Path("/")
public interface OpenAiApi extends AutoCloseable {

  @POST
  @Path("v1/chat/completions")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  Response chatCompletions(@HeaderParam("Authorization") String authorization, String body);

  @GET
  @Path("v1/models")
  @Produces(MediaType.APPLICATION_JSON)
  Response models(@HeaderParam("Authorization") String authorization);
}
