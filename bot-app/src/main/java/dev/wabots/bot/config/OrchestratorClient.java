package dev.wabots.bot.config;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The orchestrator's internal API, called with this process's own bot token. */
@RegisterRestClient(configKey = "orchestrator")
@Path("/internal")
public interface OrchestratorClient {

  @GET
  @Path("config")
  @Produces(MediaType.APPLICATION_JSON)
  Response config(@HeaderParam("Authorization") String bearer);

  /** This bot's own funnel definition (200 JSON), or 204 to use the default of its language. */
  @GET
  @Path("funnel")
  Response funnel(@HeaderParam("Authorization") String bearer);

  /** The bot's AI: the orchestrator adds the system prompt and routes to the configured backend. */
  @POST
  @Path("chat")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  Response chat(@HeaderParam("Authorization") String bearer, String body);

  /** The bot's next conversation events ({@code EventBatch}); answers an {@code EventAck}. */
  @POST
  @Path("events")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  Response events(@HeaderParam("Authorization") String bearer, String body);

  /** The bot's counters ({@code BotMetrics}), served labelled with the bot from the orchestrator's /metrics. */
  @POST
  @Path("metrics")
  @Consumes(MediaType.APPLICATION_JSON)
  Response metrics(@HeaderParam("Authorization") String bearer, String body);
  /**
   * A customer's voice note as text, with the bot's speech-to-text settings: the audio is the body,
   * its MIME type in {@code X-Audio-Type}; answers {@code {"text":"…","seconds":…}}.
   */
  @POST
  @Path("transcription")
  @Consumes(MediaType.APPLICATION_OCTET_STREAM)
  @Produces(MediaType.APPLICATION_JSON)
  Response transcription(@HeaderParam("Authorization") String bearer,
      @HeaderParam("X-Audio-Type") String audioType, byte[] audio);

  /** A voice note (OGG/Opus mono) for a text, with the bot's TTS settings. */
  @POST
  @Path("speech")
  @Consumes(MediaType.APPLICATION_JSON)
  Response speech(@HeaderParam("Authorization") String bearer, String body);
}
