package dev.wabots.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wabots.testing.Api;
import dev.wabots.testing.Api.Reply;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.function.Predicate;

/** Waiting on bot processes through the status API. */
public final class Bots {

  private Bots() {}

  public static JsonNode status(Api api, String id) {
    Reply r = api.get("/admin/whatsapp/instances/" + id + "/status");
    if (r.status() != 200) {
      throw new AssertionError("status of " + id + ": " + r);
    }
    return r.json();
  }

  public static JsonNode awaitStatus(Api api, String id, Predicate<JsonNode> condition, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = status(api, id);
      if (condition.test(last)) {
        return last;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("status of " + id + " did not reach the condition within " + limit + "; last: " + last
        + "\nlog tail: " + api.get("/admin/whatsapp/instances/" + id + "/logs?lines=40").body());
  }

  public static boolean running(JsonNode s) {
    return s.get("state").asText().equals("running") && s.get("ready").asBoolean();
  }

  static boolean listening(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Bot processes of one run (their root folders are under {@code data}): other runs on this machine do not count. */
  static long pidsOnCommandLine(String needle, java.nio.file.Path data) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(needle) && c.contains("bot-app.war")
            && c.contains(data.toString())).orElse(false))
        .count();
  }
}
