package dev.wabots.admin.rest;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A map of the service for whoever opens the root URL. */
@Path("")
public class RootResource {

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public JsonObject index() {
    return Json.createObjectBuilder()
        .add("service", "wabots orchestrator")
        .add("login", "POST /admin/auth/login")
        .add("instances", "/admin/whatsapp/instances")
        .add("health", "/health")
        .add("openapi", "/openapi")
        .build();
  }
}
