package dev.wabots.admin.rest;

import dev.wabots.users.boundary.Users;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Logging in, who am I, changing one's own password. */
@Path("admin/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

  @Inject Users users;

  @Context HttpServletRequest request;

  @POST
  @Path("login")
  @Operation(summary = "Exchange a user name and password for a Bearer token (10 attempts a minute)")
  public JsonObject login(String body) {
    JsonBody json = JsonBody.parse(body, false).only(Set.of("username", "password"));
    String username = json.text("username");
    String password = json.text("password");
    json.done();
    Users.Login login = users.login(username, password, request.getRemoteAddr());
    return Json.createObjectBuilder()
        .add("access_token", login.accessToken())
        .add("token_type", "Bearer")
        .add("expires_in", login.expiresIn())
        .build();
  }

  @GET
  @Path("me")
  @Operation(summary = "The account behind the token")
  @SecurityRequirement(name = "bearer")
  public Map<String, Users.UserView> me() {
    return Map.of("user", users.me());
  }

  @POST
  @Path("password")
  @Operation(summary = "Change your own password: every token and panel session of the account ends; the answer "
      + "carries a new token")
  @SecurityRequirement(name = "bearer")
  public JsonObject changePassword(String body) {
    JsonBody json = JsonBody.parse(body, false).only(Set.of("old_password", "new_password"));
    String oldPassword = json.text("old_password");
    String newPassword = json.text("new_password");
    json.done();
    Users.Login login = users.changeOwnPassword(oldPassword, newPassword);
    return Json.createObjectBuilder()
        .add("status", "changed")
        .add("access_token", login.accessToken())
        .add("token_type", "Bearer")
        .add("expires_in", login.expiresIn())
        .build();
  }
}
