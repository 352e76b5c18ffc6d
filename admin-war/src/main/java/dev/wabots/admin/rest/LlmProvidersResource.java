package dev.wabots.admin.rest;

import dev.wabots.llm.boundary.LlmProviders;
import dev.wabots.llm.boundary.ProviderTest;
import dev.wabots.llm.boundary.ProviderView;
import dev.wabots.llm.entity.ProviderChanges;
import dev.wabots.llm.entity.ProviderField;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Stored LLM providers (OpenAI-compatible, Gemini, Anthropic) that bots use as {@code cloud:{id}}. */
@Path("admin/llm/providers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class LlmProvidersResource {

  static final Set<String> FIELDS = Arrays.stream(ProviderField.values()).map(ProviderField::json).collect(Collectors.toSet());

  @Inject LlmProviders providers;

  @GET
  @Operation(summary = "The providers the caller may see (API keys masked)")
  public Map<String, List<ProviderView>> list() {
    return Map.of("providers", providers.list());
  }

  @POST
  @Operation(summary = "Store a provider: name, type, base_url, model, api_key (write-only), enabled")
  public Response create(String body) {
    ProviderView created = providers.create(changes(body));
    return Response.status(201).entity(Map.of("provider", created)).build();
  }

  @GET
  @Path("{id}")
  @Operation(summary = "One provider (API key masked)")
  public Map<String, ProviderView> get(@PathParam("id") String id) {
    return Map.of("provider", providers.get(id));
  }

  @PUT
  @Path("{id}")
  @Operation(summary = "Change a provider: absent fields are kept, \"\" clears the API key")
  public Map<String, ProviderView> update(@PathParam("id") String id, String body) {
    return Map.of("provider", providers.update(id, changes(body)));
  }

  @DELETE
  @Path("{id}")
  @Operation(summary = "Delete a provider no bot uses")
  public Response delete(@PathParam("id") String id) {
    providers.delete(id);
    return Response.noContent().build();
  }

  @POST
  @Path("{id}/test")
  @Operation(summary = "Send a one-line prompt: latency and reply, or the classified error")
  public ProviderTest test(@PathParam("id") String id) {
    return providers.test(id);
  }

  static ProviderChanges changes(String body) {
    JsonBody json = JsonBody.parse(body, false).only(FIELDS);
    ProviderChanges changes = ProviderChanges.none();
    for (ProviderField f : ProviderField.values()) {
      if (json.has(f.json())) {
        changes.set(f, switch (f.type()) {
          case TEXT -> json.text(f.json());
          case BOOLEAN -> json.bool(f.json());
          case INTEGER -> json.integer(f.json());
        });
      }
    }
    json.done();
    return changes;
  }
}
