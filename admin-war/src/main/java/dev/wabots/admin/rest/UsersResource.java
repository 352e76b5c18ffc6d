package dev.wabots.admin.rest;

import dev.wabots.users.boundary.Users;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Accounts, for admins. */
@Path("admin/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class UsersResource {

  @Inject Users users;

  @GET
  @Operation(summary = "All accounts")
  public Map<String, List<Users.UserView>> list() {
    return Map.of("users", users.list());
  }

  @POST
  @Operation(summary = "Create an account: username, password, role (admin|user|web|guest)")
  public Response create(String body) {
    JsonBody json = JsonBody.parse(body, false).only(Set.of("username", "password", "role"));
    String username = json.text("username");
    String password = json.text("password");
    String role = json.text("role");
    json.done();
    return Response.status(201).entity(Map.of("user", users.create(username, password, role))).build();
  }

  @PUT
  @Path("{id}")
  @Operation(summary = "Change role, password and/or enabled")
  public Map<String, Users.UserView> update(@PathParam("id") String id, String body) {
    JsonBody json = JsonBody.parse(body, false).only(Set.of("role", "password", "enabled"));
    String role = json.text("role");
    String password = json.text("password");
    Boolean enabled = json.bool("enabled");
    json.done();
    return Map.of("user", users.update(userId(id), role, password, enabled));
  }

  @DELETE
  @Path("{id}")
  @Operation(summary = "Delete an account")
  public Response delete(@PathParam("id") String id) {
    users.delete(userId(id));
    return Response.noContent().build();
  }

  private static long userId(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new dev.wabots.platform.NotFound("user", text);
    }
  }
}
