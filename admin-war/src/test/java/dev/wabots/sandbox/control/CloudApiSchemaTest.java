package dev.wabots.sandbox.control;

import static dev.wabots.sandbox.control.Bodies.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class CloudApiSchemaTest {

  private static final Logger LOG = System.getLogger(CloudApiSchemaTest.class.getName());
  private static final CloudApiSchema SCHEMA = SharedSchema.SCHEMA;

  /** Meta's send examples that are wrong, not our schema: where they fail and why. */
  private static final Map<String, String> BAD_SEND_EXAMPLES = Map.of(
      "Send Catalog Template Message", "/template/components/1/sub_type", // "CATALOG", upper case
      "Send Multi-Product Message", "/interactive/header/type", // unfilled "<HEADER_TYPE>"
      "Send Reply to List Message", "/text", // no type, so Graph reads it as a text message
      "Send Sample Issue Resolution Template", // a boolean as a button's text parameter
      "/template/components/1/parameters/0/text");

  /** Meta's webhook examples that are wrong: group participant ids sent as integers. */
  private static final Map<String, String> BAD_WEBHOOK_EXAMPLES = Map.of(
      "Group Create Message", "/entry/0/changes/0/value/groups/0/added_participants/0/input",
      "Group Remove Participants",
      "/entry/0/changes/0/value/groups/0/removed_participants/0/input");

  @Test
  void acceptsAllButFourOfMetasFiftySendExamples() {
    Map<String, JsonNode> examples = SCHEMA.sendExamples();
    assertEquals(50, examples.size(), "Meta's file changed: revisit the known-bad list");
    int valid = assertExamples(examples, BAD_SEND_EXAMPLES, SCHEMA::validateSend);
    LOG.log(Level.INFO, "send examples valid: {0} of {1}", valid, examples.size());
    assertTrue(valid >= 46, valid + " of 50");
  }

  @Test
  void acceptsAllButTwoOfMetasSixteenWebhookExamples() {
    Map<String, JsonNode> examples = SCHEMA.webhookExamples();
    assertEquals(16, examples.size(), "Meta's file changed: revisit the known-bad list");
    int valid = assertExamples(examples, BAD_WEBHOOK_EXAMPLES, SCHEMA::validateWebhook);
    LOG.log(Level.INFO, "webhook examples valid: {0} of {1}", valid, examples.size());
    assertTrue(valid >= 14, valid + " of 16");
  }

  /** Each example is valid, or known-bad and failing at its known place; returns how many pass. */
  private static int assertExamples(Map<String, JsonNode> examples, Map<String, String> knownBad,
      Function<JsonNode, List<RequestProblem>> validator) {
    List<String> unexpected = new ArrayList<>();
    int valid = 0;
    for (Map.Entry<String, JsonNode> example : examples.entrySet()) {
      List<RequestProblem> problems = validator.apply(example.getValue());
      String badAt = knownBad.get(example.getKey());
      if (problems.isEmpty()) {
        valid++;
      } else if (badAt == null
          || problems.stream().noneMatch(p -> p.pointer().equals(badAt))) {
        unexpected.add(example.getKey() + " -> " + problems);
      }
    }
    assertEquals(List.of(), unexpected);
    return valid;
  }

  @Test
  void rejectsAnEmptyObjectSoTheWholeDocumentIsNotTheSchema() {
    // Trap 1: validating against the OpenAPI document itself accepts anything.
    assertFalse(SCHEMA.validateSend(json("{}")).isEmpty());
    assertFalse(SCHEMA.validateWebhook(json("{}")).isEmpty());
  }

  @Test
  void rejectsTextMessageWithoutBody() {
    ObjectNode message = Bodies.text("hi");
    ((ObjectNode) message.get("text")).remove("body");

    assertEquals(List.of("/text/body"), pointers(SCHEMA.validateSend(message)));
  }

  @Test
  void acceptsTextMessageWithoutTypeOrRecipientType() {
    ObjectNode message = Bodies.text("hi");
    message.remove("type");
    message.remove("recipient_type");

    assertEquals(List.of(), SCHEMA.validateSend(message));
  }

  @Test
  void rejectsUnknownTopLevelField() {
    ObjectNode message = Bodies.text("hi").put("priority", "high");

    List<RequestProblem> problems = SCHEMA.validateSend(message);

    assertEquals(List.of("/priority"), pointers(problems));
    assertEquals("additionalProperties", problems.get(0).keyword());
  }

  @Test
  void rejectsUnknownFieldOnTemplateMessageToo() {
    ObjectNode message = json("""
        {"messaging_product": "whatsapp", "to": "16505551234", "type": "template",
         "template": {"name": "hello_world", "language": {"code": "en_US"}}, "priority": 1}""");

    assertEquals(List.of("/priority"), pointers(SCHEMA.validateSend(message)));
  }

  @Test
  void rejectsMessagingProductOtherThanWhatsapp() {
    ObjectNode message = Bodies.text("hi").put("messaging_product", "sms");

    List<RequestProblem> problems = SCHEMA.validateSend(message);

    assertEquals(List.of("/messaging_product"), pointers(problems));
    assertEquals("const", problems.get(0).keyword());
  }

  @Test
  void rejectsMarkAsReadWithUnknownTypingIndicator() {
    ObjectNode receipt = json("""
        {"messaging_product": "whatsapp", "status": "read", "message_id": "wamid.X",
         "typing_indicator": {"type": "audio"}}""");

    assertEquals(List.of("/typing_indicator/type"), pointers(SCHEMA.validateSend(receipt)));
  }

  @Test
  void acceptsMarkAsReadWithTypingIndicator() {
    ObjectNode receipt = json("""
        {"messaging_product": "whatsapp", "status": "read", "message_id": "wamid.X",
         "typing_indicator": {"type": "text"}}""");

    assertEquals(List.of(), SCHEMA.validateSend(receipt));
  }

  @Test
  void rejectsFourReplyButtons() {
    List<RequestProblem> problems = SCHEMA.validateSend(Bodies.replyButtons("A", "B", "C", "D"));

    assertEquals(List.of("/interactive/action/buttons"), pointers(problems));
    assertEquals("maxItems", problems.get(0).keyword());
  }

  @Test
  void countsButtonTitleLengthInCodePoints() {
    String twenty = "😀".repeat(20); // 40 UTF-16 units

    assertEquals(List.of(), SCHEMA.validateSend(Bodies.replyButtons(twenty)));
    assertEquals(List.of("/interactive/action/buttons/0/reply/title"),
        pointers(SCHEMA.validateSend(Bodies.replyButtons(twenty + "😀"))));
  }

  @Test
  void rejectsListActionOnReplyButtonMessage() {
    ObjectNode message = Bodies.list(1);
    ((ObjectNode) message.get("interactive")).put("type", "button");

    assertEquals(List.of("/interactive/action/buttons"), pointers(SCHEMA.validateSend(message)));
  }

  @Test
  void rejectsListWithImageHeader() {
    ObjectNode message = Bodies.list(2);
    ((ObjectNode) message.get("interactive")).putObject("header")
        .put("type", "image").putObject("image").put("id", "123");

    assertEquals(List.of("/interactive/header/type"), pointers(SCHEMA.validateSend(message)));
  }

  @Test
  void checksTemplateParametersByTheirType() {
    ObjectNode message = json("""
        {"messaging_product": "whatsapp", "to": "16505551234", "type": "template",
         "template": {"name": "order_update", "language": {"code": "en_US"},
           "components": [{"type": "body", "parameters": [{"type": "text", "text": 42}]}]}}""");

    assertEquals(List.of("/template/components/0/parameters/0/text"),
        pointers(SCHEMA.validateSend(message)));
  }

  @Test
  void reportsUnknownMessageTypeAtType() {
    ObjectNode message = Bodies.envelope("sms");
    message.putObject("sms").put("body", "hi");

    List<RequestProblem> problems = SCHEMA.validateSend(message);

    assertTrue(pointers(problems).contains("/type"), problems.toString());
  }

  @Test
  void reportsMalformedJsonAsOneProblem() {
    assertEquals(List.of("json"), SCHEMA.validateSend("{\"to\": ").stream()
        .map(RequestProblem::keyword).collect(Collectors.toList()));
  }

  @Test
  void acceptsWebhookFieldsTheFileDoesNotDescribe() {
    JsonNode payload = json("""
        {"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [
          {"field": "account_update", "value": {"event": "VERIFIED_ACCOUNT"}}]}]}""");

    assertEquals(List.of(), SCHEMA.validateWebhook(payload));
  }

  @Test
  void acceptsPlayedStatusWebhook() {
    assertEquals(List.of(), SCHEMA.validateWebhook(statusWebhook("played")));
  }

  @Test
  void rejectsUnknownStatusInWebhook() {
    assertEquals(List.of("/entry/0/changes/0/value/statuses/0/status"),
        pointers(SCHEMA.validateWebhook(statusWebhook("seen"))));
  }

  @Test
  void rejectsInboundTextWithoutSender() {
    ObjectNode payload = (ObjectNode) SCHEMA.webhookExamples().get("Text Message").deepCopy();
    ((ObjectNode) payload.at("/entry/0/changes/0/value/messages/0")).remove("from");

    assertEquals(List.of("/entry/0/changes/0/value/messages/0/from"),
        pointers(SCHEMA.validateWebhook(payload)));
  }

  @Test
  void stopsLoadingWhenAGuardPatchDoesNotMatchTheFile() {
    String otherVersion = "openapi: 3.1.0\ninfo:\n  version: v24.0\n";

    SpecPatchException failure = assertThrows(SpecPatchException.class, () ->
        CloudApiSchema.load(
            new ByteArrayInputStream(otherVersion.getBytes(StandardCharsets.UTF_8))));

    assertTrue(failure.getMessage().contains("/info/version"), failure.getMessage());
  }

  @Test
  void reportsASchemaExceptionAsAProblemInsteadOfThrowing() {
    // Trap 2: networknt throws from validate() when two discriminators with different
    // property names meet the same instance.
    CloudApiSchema conflicting = new CloudApiSchema(json("""
        {"components": {"schemas": {
          "Message": {"oneOf": [{"$ref": "#/components/schemas/A"}],
                      "discriminator": {"propertyName": "type",
                                        "mapping": {"a": "#/components/schemas/A"}}},
          "A": {"allOf": [{"$ref": "#/components/schemas/Base"}]},
          "Base": {"oneOf": [{"type": "object"}], "discriminator": {"propertyName": "kind"}},
          "MarkMessageRequestPayload": {}, "WebhookPayload": {}}}}"""));

    List<RequestProblem> problems = conflicting.validateSend(json("{\"type\": \"other\"}"));

    assertEquals(List.of("schema"),
        problems.stream().map(RequestProblem::keyword).collect(Collectors.toList()));
  }

  @Test
  void routesByTypeToTheMessageSchemaNotTheUnion() {
    assertNotEquals(SCHEMA.sendSchemaFor(Bodies.text("hi")),
        SCHEMA.sendSchemaFor(Bodies.envelope("sms")));
    assertEquals(SCHEMA.sendSchemaFor(Bodies.text("hi")),
        SCHEMA.sendSchemaFor(json("{\"text\": {\"body\": \"no type means text\"}}")));
  }

  private static JsonNode statusWebhook(String status) {
    return json("""
        {"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [
          {"field": "messages", "value": {"messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15550783881", "phone_number_id": "1065"},
            "statuses": [{"id": "wamid.X", "status": "%s", "timestamp": "1750000000",
                          "recipient_id": "16505551234"}]}}]}]}""".formatted(status));
  }

  private static List<String> pointers(List<RequestProblem> problems) {
    return problems.stream().map(RequestProblem::pointer).collect(Collectors.toList());
  }
}
