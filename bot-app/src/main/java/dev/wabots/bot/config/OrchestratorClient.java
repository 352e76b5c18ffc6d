package dev.wabots.bot.config;

import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
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
  JsonObject config(@HeaderParam("Authorization") String bearer);
}
