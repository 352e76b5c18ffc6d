package dev.wabots.admin;

import static dev.wabots.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.testing.Api;
import dev.wabots.testing.Api.Reply;
import java.io.File;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Role × endpoint × own/foreign bot. Admin manages everything; user and web manage only the bots
 * they own and cannot tell that other bots exist (404); guest reads everything and writes nothing
 * (403); no token is 401.
 */
@ExtendWith(ArquillianExtension.class)
class AccessMatrixIT {

  @Deployment(testable = false)
  static WebArchive orchestrator() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("wabots.it.war")));
  }

  @ArquillianResource URL url;

  enum Outcome { ALLOWED, FORBIDDEN, HIDDEN, UNAUTHENTICATED }

  record Call(String method, String path, String body) {
    Reply on(Api api, String botId) {
      return api.send(method, path.replace("{id}", botId), body);
    }
  }

  /** Reads, then writes that leave the bot in place (start/restart are only probed where refused). */
  static final List<Call> READS = List.of(
      new Call("GET", "/admin/whatsapp/instances/{id}", null),
      new Call("GET", "/admin/whatsapp/instances/{id}/status", null),
      new Call("GET", "/admin/whatsapp/instances/{id}/logs?lines=5", null));
  static final List<Call> WRITES = List.of(
      new Call("PUT", "/admin/whatsapp/instances/{id}", json("description", "changed")),
      new Call("POST", "/admin/whatsapp/instances/{id}/stop", null));
  static final List<Call> REFUSED_ONLY = List.of(
      new Call("POST", "/admin/whatsapp/instances/{id}/start", null),
      new Call("POST", "/admin/whatsapp/instances/{id}/restart", null),
      new Call("DELETE", "/admin/whatsapp/instances/{id}", null));

  static Outcome outcomeOf(Reply r) {
    return switch (r.status()) {
      case 401 -> Outcome.UNAUTHENTICATED;
      case 403 -> Outcome.FORBIDDEN;
      case 404 -> Outcome.HIDDEN;
      default -> {
        // Allowed: the call got past the checks (2xx, or 501 while a capability is missing).
        assertTrue(r.status() < 300 || r.status() == 501, "unexpected " + r);
        yield Outcome.ALLOWED;
      }
    };
  }

  @Test
  void everyRoleSeesAndManagesExactlyWhatItShould() throws Exception {
    Api anonymous = new Api(url.toURI().resolve("/"));
    Api admin = anonymous.login("admin", OrchestratorApiIT.ADMIN_PASSWORD);
    String tag = UUID.randomUUID().toString().substring(0, 6);
    Api user = account(admin, anonymous, "mx-user-" + tag, "user");
    Api web = account(admin, anonymous, "mx-web-" + tag, "web");
    Api guest = account(admin, anonymous, "mx-guest-" + tag, "guest");

    String adminBot = bot(admin, "Matrix admin " + tag);
    String userBot = bot(user, "Matrix user " + tag);
    String webBot = bot(web, "Matrix web " + tag);

    List<String> failures = new ArrayList<>();
    record Case(String who, Api api, String bot, Outcome reads, Outcome writes) {}
    List<Case> cases = List.of(
        new Case("admin/own", admin, adminBot, Outcome.ALLOWED, Outcome.ALLOWED),
        new Case("admin/user's", admin, userBot, Outcome.ALLOWED, Outcome.ALLOWED),
        new Case("user/own", user, userBot, Outcome.ALLOWED, Outcome.ALLOWED),
        new Case("user/admin's", user, adminBot, Outcome.HIDDEN, Outcome.HIDDEN),
        new Case("user/web's", user, webBot, Outcome.HIDDEN, Outcome.HIDDEN),
        new Case("web/own", web, webBot, Outcome.ALLOWED, Outcome.ALLOWED),
        new Case("web/user's", web, userBot, Outcome.HIDDEN, Outcome.HIDDEN),
        new Case("guest/admin's", guest, adminBot, Outcome.ALLOWED, Outcome.FORBIDDEN),
        new Case("guest/user's", guest, userBot, Outcome.ALLOWED, Outcome.FORBIDDEN),
        new Case("anonymous/user's", anonymous, userBot, Outcome.UNAUTHENTICATED, Outcome.UNAUTHENTICATED));
    for (Case c : cases) {
      for (Call call : READS) {
        expect(failures, c.who(), call, c.api(), c.bot(), c.reads());
      }
      for (Call call : WRITES) {
        expect(failures, c.who(), call, c.api(), c.bot(), c.writes());
      }
      if (c.writes() != Outcome.ALLOWED) {
        for (Call call : REFUSED_ONLY) {
          expect(failures, c.who(), call, c.api(), c.bot(), c.writes());
        }
      }
    }

    // Lists: admin and guest see every bot, user and web only their own.
    checkList(failures, "admin", admin, Set.of(adminBot, userBot, webBot), Set.of());
    checkList(failures, "guest", guest, Set.of(adminBot, userBot, webBot), Set.of());
    checkList(failures, "user", user, Set.of(userBot), Set.of(adminBot, webBot));
    checkList(failures, "web", web, Set.of(webBot), Set.of(adminBot, userBot));
    expectStatus(failures, "anonymous list", anonymous.get("/admin/whatsapp/instances"), 401);

    // Creating: guests cannot; users own what they create and cannot give bots away.
    expectStatus(failures, "guest create", guest.post("/admin/whatsapp/instances", json("name", "g" + tag)), 403);
    long adminId = admin.get("/admin/auth/me").json().get("user").get("id").asLong();
    expectStatus(failures, "user gives a bot away",
        user.post("/admin/whatsapp/instances", json("name", "gift " + tag, "owner_id", adminId)), 403);

    // Admin-only areas.
    for (var entry : List.of(user, web, guest)) {
      expectStatus(failures, "non-admin users list", entry.get("/admin/users"), 403);
      expectStatus(failures, "non-admin audit", entry.get("/admin/audit"), 403);
      expectStatus(failures, "non-admin user create",
          entry.post("/admin/users", json("username", "zz" + tag, "password", "password-123")), 403);
    }
    expectStatus(failures, "anonymous users list", anonymous.get("/admin/users"), 401);
    expectStatus(failures, "admin users list", admin.get("/admin/users"), 200);

    // Deleting: own yes, foreign hidden.
    expectStatus(failures, "user deletes own", user.delete("/admin/whatsapp/instances/" + userBot), 204);
    expectStatus(failures, "web deletes admin's", web.delete("/admin/whatsapp/instances/" + adminBot), 404);
    expectStatus(failures, "admin deletes web's", admin.delete("/admin/whatsapp/instances/" + webBot), 204);

    assertEquals(List.of(), failures);
  }

  private static void expect(List<String> failures, String who, Call call, Api api, String bot, Outcome expected) {
    Reply r = call.on(api, bot);
    Outcome actual = outcomeOf(r);
    if (actual != expected) {
      failures.add(who + " " + call.method() + " " + call.path() + ": expected " + expected + ", got " + r);
    }
  }

  private static void expectStatus(List<String> failures, String what, Reply r, int status) {
    if (r.status() != status) {
      failures.add(what + ": expected " + status + ", got " + r);
    }
  }

  private static void checkList(List<String> failures, String who, Api api, Set<String> present, Set<String> absent) {
    Set<String> ids = new java.util.HashSet<>();
    api.get("/admin/whatsapp/instances").json().get("instances").forEach(i -> ids.add(i.get("id").asText()));
    if (!ids.containsAll(present)) {
      failures.add(who + " list misses some of " + present + ": " + ids);
    }
    for (String id : absent) {
      if (ids.contains(id)) {
        failures.add(who + " list shows foreign bot " + id);
      }
    }
  }

  private static Api account(Api admin, Api anonymous, String name, String role) {
    Reply r = admin.post("/admin/users", json("username", name, "password", "password-" + name, "role", role));
    assertEquals(201, r.status(), r.toString());
    return anonymous.login(name, "password-" + name);
  }

  private static String bot(Api owner, String name) {
    Reply r = owner.post("/admin/whatsapp/instances", json("name", name));
    assertEquals(201, r.status(), r.toString());
    return r.json().get("instance").get("id").asText();
  }
}
