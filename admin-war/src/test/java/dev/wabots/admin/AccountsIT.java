package dev.wabots.admin;

import static dev.wabots.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.testing.Api;
import dev.wabots.testing.Api.Reply;
import java.io.File;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Accounts over HTTP: which tokens stand after a password change or a deletion, and which passwords are accepted. */
@ExtendWith(ArquillianExtension.class)
class AccountsIT {

  @Deployment(testable = false)
  static WebArchive orchestrator() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("wabots.it.war")));
  }

  @ArquillianResource URL url;

  static Api admin;
  Api anonymous;

  @BeforeEach
  void connect() throws Exception {
    anonymous = new Api(url.toURI().resolve("/"));
    if (admin == null) {
      admin = anonymous.login("admin", OrchestratorApiIT.ADMIN_PASSWORD);
    }
  }

  static String name(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  long create(String username, String password, String role) {
    Reply r = admin.post("/admin/users", json("username", username, "password", password, "role", role));
    assertEquals(201, r.status(), r.toString());
    return r.json().get("user").get("id").asLong();
  }

  @Test
  void changingTheOwnPasswordEndsOlderTokensAndAnswersANewOne() {
    String ann = name("ann");
    create(ann, "first-password-ann", "user");
    Api first = anonymous.login(ann, "first-password-ann");
    Api second = anonymous.login(ann, "first-password-ann");
    Reply changed = first.post("/admin/auth/password", json("old_password", "first-password-ann",
        "new_password", "second-password-ann"));
    assertEquals(200, changed.status(), changed.toString());
    Api renewed = anonymous.withToken(changed.json().get("access_token").asText());
    assertEquals(401, first.get("/admin/auth/me").status(), "the token used for the change");
    assertEquals(401, second.get("/admin/whatsapp/instances").status(), "another token of the account");
    assertEquals(200, renewed.get("/admin/auth/me").status());
    assertEquals(401, anonymous.post("/admin/auth/login", json("username", ann, "password", "first-password-ann")).status());
  }

  @Test
  void anAdminsPasswordResetEndsTheAccountsTokens() {
    String bob = name("bob");
    long id = create(bob, "first-password-bob", "user");
    Api before = anonymous.login(bob, "first-password-bob");
    assertEquals(200, before.get("/admin/auth/me").status());
    assertEquals(200, admin.put("/admin/users/" + id, json("password", "reset-password-bob")).status());
    Reply refused = before.get("/admin/auth/me");
    assertEquals(401, refused.status(), refused.toString());
    assertEquals("unauthorized", refused.json().get("error").asText());
    assertEquals(200, anonymous.login(bob, "reset-password-bob").get("/admin/auth/me").status());
    assertEquals(200, admin.put("/admin/users/" + id, json("role", "guest")).status());
    assertEquals(200, admin.get("/admin/auth/me").status(), "the admin's own token is untouched");
  }

  @Test
  void aDeletedAccountsTokenDoesNotOpenANewAccountOfTheSameName() {
    String zed = name("zed");
    long first = create(zed, "password-of-zed-1", "user");
    Api old = anonymous.login(zed, "password-of-zed-1");
    assertEquals(204, admin.delete("/admin/users/" + first).status());
    long second = create(zed, "password-of-zed-2", "admin");
    assertTrue(second != first);
    assertEquals(401, old.get("/admin/auth/me").status());
    assertEquals(401, old.get("/admin/users").status(), "the old token must not act as the new admin");
  }

  @Test
  void weakPasswordsAreRefusedWhereverAPasswordIsSet() {
    String carl = name("carl");
    for (String weak : List.of("12345678", "password", "password1234", carl, "Qwertyuiop1")) {
      Reply r = admin.post("/admin/users", json("username", carl, "password", weak, "role", "user"));
      assertEquals(400, r.status(), weak + " → " + r);
      assertEquals(List.of("password"), r.errorFields(), r.toString());
    }
    long id = create(carl, "carl-strong-password", "user");
    Reply reset = admin.put("/admin/users/" + id, json("password", carl.toUpperCase() + "!2024"));
    assertEquals(400, reset.status(), reset.toString());
    assertTrue(reset.body().contains("must not be the user name"), reset.toString());
    Api user = anonymous.login(carl, "carl-strong-password");
    Reply own = user.post("/admin/auth/password", json("old_password", "carl-strong-password", "new_password", "1q2w3e4r5t"));
    assertEquals(400, own.status(), own.toString());
    assertEquals(List.of("new_password"), own.errorFields());
    assertTrue(own.body().contains("commonly used"), own.toString());
  }
}
