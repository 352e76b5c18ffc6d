package dev.wabots.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every webhook payload example in Meta's OpenAPI file parses into the expected events. */
class WebhookExamplesTest {

  @Test
  void metaFileHoldsSixteenWebhookExamplesAndAllParse() throws InvalidWebhookException {
    JsonNode examples = MetaSpec.webhookExamples();
    List<String> names = new ArrayList<>();
    examples.fieldNames().forEachRemaining(names::add);
    assertEquals(16, names.size(), "webhook examples found: " + names);
    for (String name : names) {
      WebhookBatch batch = WebhookParser.parse(examples.path(name).path("value").toString());
      assertEquals(1, batch.events().size(), name + " → " + batch.events());
    }
  }

  @Test
  void eachMessageExampleBecomesItsTypedContent() throws InvalidWebhookException {
    Map<String, Class<? extends MessageContent>> expected =
        Map.ofEntries(
            Map.entry("Text Message", MessageContent.Text.class),
            Map.entry("Text Message with Context (Product Inquiry)", MessageContent.Text.class),
            Map.entry("Text Message from Click to WhatsApp Ad", MessageContent.Text.class),
            Map.entry("Reaction Message", MessageContent.Reaction.class),
            Map.entry("Image Message", MessageContent.Media.class),
            Map.entry("Location Message", MessageContent.Location.class),
            Map.entry("Contact Sharing Message", MessageContent.Contacts.class),
            Map.entry("Unsupported Message", MessageContent.Unsupported.class),
            Map.entry("Button Message", MessageContent.TemplateButton.class),
            Map.entry("Interactive List Reply Message", MessageContent.InteractiveReply.class),
            Map.entry("Interactive Button Reply Message", MessageContent.InteractiveReply.class),
            Map.entry("Order Message", MessageContent.Order.class),
            Map.entry("System Message", MessageContent.SystemNotice.class));
    for (Map.Entry<String, Class<? extends MessageContent>> entry : expected.entrySet()) {
      InboundMessage message = only(entry.getKey());
      assertInstanceOf(entry.getValue(), message.content(), entry.getKey());
      assertEquals("16505551234", message.from().digits(), entry.getKey());
    }
  }

  @Test
  void groupExamplesAreKeptAsOtherUpdates() throws InvalidWebhookException {
    for (String name : List.of("Group Create Message", "Group Settings Update", "Group Remove Participants")) {
      WebhookBatch batch = WebhookParser.parse(example(name).toString());
      OtherUpdate update = assertInstanceOf(OtherUpdate.class, batch.events().get(0), name);
      assertTrue(update.field().startsWith("group_"), update.field());
      assertTrue(update.rawJson().contains("group_id"));
    }
  }

  @Test
  void textExampleCarriesProfileNameTimestampAndRawJson() throws InvalidWebhookException {
    InboundMessage message = only("Text Message");
    assertEquals("Does it come in another color?", ((MessageContent.Text) message.content()).body());
    assertEquals("Sheena Nelson", message.profileName().orElseThrow());
    assertEquals(Instant.ofEpochSecond(1749416383L), message.timestamp());
    assertEquals("106540352242922", message.business().phoneNumberId());
    assertTrue(message.rawJson().contains("\"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=\""));
  }

  @Test
  void replyExamplesCarryIdsTitlesAndContext() throws InvalidWebhookException {
    InboundMessage list = only("Interactive List Reply Message");
    MessageContent.InteractiveReply row = (MessageContent.InteractiveReply) list.content();
    assertTrue(row.fromList());
    assertEquals("priority_express", row.id().value());
    assertEquals("Next Day to 2 Days", row.description());
    assertTrue(list.replyTo().isPresent());
    MessageContent.InteractiveReply button =
        (MessageContent.InteractiveReply) only("Interactive Button Reply Message").content();
    assertEquals("cancel-button", button.id().value());
    assertEquals("Cancel", button.title());
  }

  @Test
  void unsupportedExampleKeepsMetasError() throws InvalidWebhookException {
    MessageContent.Unsupported unsupported = (MessageContent.Unsupported) only("Unsupported Message").content();
    assertEquals(131051, unsupported.errors().get(0).code());
    assertEquals("Message type is currently not supported.", unsupported.errors().get(0).details());
  }

  @Test
  void systemExampleWithoutContactsHasNoProfileName() throws InvalidWebhookException {
    InboundMessage message = only("System Message");
    assertTrue(message.profileName().isEmpty());
    assertEquals("12195555358", ((MessageContent.SystemNotice) message.content()).newWaId().orElseThrow());
  }

  @Test
  void signatureVectorBodyIsOneTextFromPywaTests() throws IOException, InvalidWebhookException {
    byte[] body;
    try (InputStream in = getClass().getResourceAsStream("/signature-vector.body.json")) {
      body = in.readAllBytes();
    }
    WebhookBatch batch = WebhookParser.parse(body);
    assertEquals(1, batch.messages().size());
    assertEquals(1, batch.events().size());
    InboundMessage message = batch.messages().get(0);
    assertEquals(new PhoneNumber("972544401243"), message.from());
    assertEquals("Hey there! I am using PyWa.", ((MessageContent.Text) message.content()).body());
    assertEquals("PyWa Tests", message.profileName().orElseThrow());
  }

  private static JsonNode example(String name) {
    JsonNode value = MetaSpec.webhookExamples().path(name).path("value");
    assertTrue(value.isObject(), "no webhook example " + name);
    return value;
  }

  private static InboundMessage only(String name) throws InvalidWebhookException {
    List<InboundMessage> messages = WebhookParser.parse(example(name).toString()).messages();
    assertEquals(1, messages.size(), name);
    return messages.get(0);
  }
}
