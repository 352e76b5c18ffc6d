package dev.wabots.sandbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class CloudApiValidatorTest {

  private static final Logger LOG = System.getLogger(CloudApiValidatorTest.class.getName());

  private final CloudApiValidator validator = new CloudApiValidator(SharedSchema.SCHEMA);

  @Test
  void acceptsAReplyButtonMessage() {
    Verdict verdict = validator.send(Bodies.replyButtons("Yes", "No"));

    assertTrue(verdict.valid(), verdict.problems().toString());
  }

  @Test
  void rejectsTextWithoutBodyAsInvalidParameter() {
    GraphError error = validator.send(
        "{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"text\",\"text\":{}}")
        .toGraphError();

    assertEquals(100, error.code());
    assertTrue(error.details().startsWith("text.body: "), error.details());
  }

  @Test
  void reportsASchemaLimitOnceNotAlsoAsALimitProblem() {
    Verdict verdict = validator.send(Bodies.replyButtons("A", "B", "C", "D"));

    assertEquals(List.of("/interactive/action/buttons"), pointers(verdict));
    assertEquals(100, verdict.toGraphError().code());
  }

  @Test
  void rejectsDuplicateButtonTitlesAsParameterValueNotValid() {
    Verdict verdict = validator.send(Bodies.replyButtons("Yes", "Yes"));

    assertEquals(List.of("/interactive/action/buttons/1/reply/title"), pointers(verdict));
    GraphError error = verdict.toGraphError();
    assertEquals(131009, error.code());
    assertEquals("(#131009) Parameter value is not valid", error.message());
    assertTrue(error.details().startsWith("interactive.action.buttons[1].reply.title: "),
        error.details());
  }

  @Test
  void rejectsElevenRowsAcrossTwoSections() {
    assertEquals(List.of("/interactive/action/sections"),
        pointers(validator.send(Bodies.list(5, 6))));
  }

  @Test
  void rejectsTwentyOneEmojiButtonTitleAndAcceptsTwenty() {
    String twenty = "👍".repeat(20);

    assertTrue(validator.send(Bodies.replyButtons(twenty)).valid());
    assertEquals(List.of("/interactive/action/buttons/0/reply/title"),
        pointers(validator.send(Bodies.replyButtons(twenty + "👍"))));
  }

  @Test
  void rejectsRecipientAbc() {
    Verdict verdict = validator.send(Bodies.text("hi").put("to", "abc"));

    assertEquals(List.of("/to"), pointers(verdict));
    assertEquals(131009, verdict.toGraphError().code());
  }

  @Test
  void mergesSchemaAndLimitProblemsSchemaFirst() {
    ObjectNode message = Bodies.replyButtons("Yes", "Yes").put("to", "abc").put("urgent", true);

    Verdict verdict = validator.send(message);

    assertEquals(List.of("/urgent", "/to", "/interactive/action/buttons/1/reply/title"),
        pointers(verdict));
    assertEquals(100, verdict.toGraphError().code());
  }

  @Test
  void rendersAGraphErrorBody() {
    GraphError error = validator.send(Bodies.text("hi").put("messaging_product", "sms"))
        .toGraphError();

    JsonNode body = Bodies.json(error.toJson()).get("error");

    assertEquals("(#100) Invalid parameter", body.get("message").stringValue());
    assertEquals("OAuthException", body.get("type").stringValue());
    assertEquals(100, body.get("code").intValue());
    assertEquals("whatsapp", body.at("/error_data/messaging_product").stringValue());
    assertTrue(body.at("/error_data/details").stringValue().startsWith("messaging_product: "));
    assertEquals(23, body.get("fbtrace_id").stringValue().length());
  }

  @Test
  void givesEachErrorItsOwnTraceId() {
    Verdict verdict = validator.send("[]");

    assertNotEquals(verdict.toGraphError().fbtraceId(), verdict.toGraphError().fbtraceId());
  }

  @Test
  void hasNoErrorForAValidRequest() {
    Verdict verdict = validator.send(Bodies.text("hi"));

    assertThrows(IllegalStateException.class, verdict::toGraphError);
  }

  @Test
  void rejectsMalformedJson() {
    Verdict verdict = validator.send("{\"messaging_product\":");

    assertFalse(verdict.valid());
    assertEquals(100, verdict.toGraphError().code());
  }

  @Test
  void judgesWebhookPayloads() {
    JsonNode example =
        SharedSchema.SCHEMA.webhookExamples().get("Interactive Button Reply Message");
    ObjectNode broken = (ObjectNode) example.deepCopy();
    ((ObjectNode) broken.at("/entry/0/changes/0/value/messages/0/interactive"))
        .put("type", "list_reply");

    assertTrue(validator.webhook(example).valid());
    assertEquals(List.of("/entry/0/changes/0/value/messages/0/interactive/list_reply"),
        pointers(validator.webhook(broken)));
  }

  @Test
  void loadsTheSchemaOnFirstUse() {
    CloudApiValidator lazy = new CloudApiValidator();

    lazy.warmUp();

    assertFalse(lazy.send(Bodies.replyButtons("Same", "Same")).valid());
  }

  @Test
  void printsLoadTimeAndMedianValidationTime() {
    ObjectNode message = Bodies.replyButtons("Yes", "No", "Later");
    int runs = 5000;
    medianMicros(4 * runs, () -> validator.send(message)); // JIT warm-up, not measured
    medianMicros(4 * runs, () -> SharedSchema.SCHEMA.validateSend(message));
    double combined = medianMicros(runs, () -> validator.send(message));
    double schemaOnly = medianMicros(runs, () -> SharedSchema.SCHEMA.validateSend(message));
    LOG.log(Level.INFO, "Cloud API validator: cold load {0} ms; reply-button message median"
            + " {1} µs (schema alone {2} µs) over {3} runs",
        String.valueOf(SharedSchema.COLD_LOAD.toMillis()), String.format("%.1f", combined),
        String.format("%.1f", schemaOnly), runs);
    assertTrue(validator.send(message).valid());
  }

  private static double medianMicros(int runs, Supplier<?> validation) {
    long[] nanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      Object verdict = validation.get();
      nanos[i] = System.nanoTime() - start;
      assertTrue(verdict instanceof Verdict ? ((Verdict) verdict).valid()
          : ((List<?>) verdict).isEmpty(), String.valueOf(verdict));
    }
    Arrays.sort(nanos);
    return nanos[runs / 2] / 1000.0;
  }

  private static List<String> pointers(Verdict verdict) {
    return verdict.problems().stream().map(RequestProblem::pointer).collect(Collectors.toList());
  }
}
