package dev.wabots.speech.control;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.GenericEntity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * OpenAI's {@code POST /v1/audio/transcriptions} (multipart: {@code file}, {@code model},
 * {@code language}, {@code response_format}), as faster-whisper servers, whisper.cpp servers with
 * that API, vLLM, OpenAI and Groq serve it.
 */
@Path("/")
public interface TranscriptionApi extends AutoCloseable {

  @POST
  @Path("v1/audio/transcriptions")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Produces(MediaType.APPLICATION_JSON)
  Response transcribe(@HeaderParam("Authorization") String authorization, GenericEntity<List<EntityPart>> parts);
}
