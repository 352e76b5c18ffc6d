package dev.wabots.e2e;

import static dev.wabots.testing.Api.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wabots.testing.Api;
import dev.wabots.testing.Api.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** One WhatsApp user talking to a sandbox bot through the test-chat API. */
final class SandboxChat {

  final Api api;
  final String bot;
  final String phone;
  long seen;

  SandboxChat(Api api, String bot, String phone) {
    this.api = api;
    this.bot = bot;
    this.phone = phone;
  }

  Reply say(String text) {
    return api.post("/admin/sandbox/" + bot + "/inbound", json("from", phone, "text", text, "name", "Test User"));
  }

  Reply tap(String replyId) {
    return api.post("/admin/sandbox/" + bot + "/inbound", json("from", phone, "reply_id", replyId, "name", "Test User"));
  }

  /** Every entry of the conversation (both directions). */
  List<JsonNode> all() {
    List<JsonNode> out = new ArrayList<>();
    api.get("/admin/sandbox/" + bot + "/conversations/" + phone).json().get("messages").forEach(out::add);
    return out;
  }

  /** Valid outbound messages (not read receipts), newest last. */
  List<JsonNode> replies() {
    return all().stream().filter(SandboxChat::isReply).toList();
  }

  static boolean isReply(JsonNode m) {
    return m.get("direction").asText().equals("out") && m.get("valid").asBoolean()
        && !m.get("payload").has("status") && m.has("wamid");
  }

  /** Waits for a new valid reply (after what was seen) matching the condition; returns it. */
  JsonNode await(Predicate<JsonNode> payload, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode m : all()) {
        if (m.get("seq").asLong() > seen && isReply(m) && payload.test(m.get("payload"))) {
          seen = m.get("seq").asLong();
          return m.get("payload");
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no reply to " + phone + " within " + limit + "; conversation: " + all());
  }

  /** Waits until some reply of the whole conversation, seen or not, offers {@code id}. */
  void awaitOfferedAnywhere(String id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (replies().stream().noneMatch(m -> offers(m.get("payload")).contains(id))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("nothing offered " + id + " to " + phone + "; conversation: " + all());
      }
      Thread.sleep(100);
    }
  }

  /** Waits for a reply offering {@code id} (as a button or a list row). */
  JsonNode awaitOffer(String id) throws InterruptedException {
    return await(p -> offers(p).contains(id), Duration.ofSeconds(30));
  }

  /** Waits for a text reply containing {@code fragment}. */
  JsonNode awaitText(String fragment) throws InterruptedException {
    return await(p -> text(p).contains(fragment), Duration.ofSeconds(30));
  }

  static List<String> offers(JsonNode payload) {
    List<String> ids = new ArrayList<>();
    JsonNode interactive = payload.path("interactive");
    interactive.path("action").path("buttons").forEach(b -> ids.add(b.path("reply").path("id").asText()));
    interactive.path("action").path("sections").forEach(s -> s.path("rows").forEach(r -> ids.add(r.path("id").asText())));
    return ids;
  }

  static String text(JsonNode payload) {
    if (payload.has("text")) {
      return payload.path("text").path("body").asText();
    }
    return payload.path("interactive").path("body").path("text").asText();
  }
}
