package dev.wabots.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WebhookParserTest {
  private static final String CONTACT =
      "{\"profile\":{\"name\":\"Анна\"},\"wa_id\":\"79001234567\"}";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "not json", "[1,2]", "\"text\"", "{\"object\":\"page\",\"entry\":[]}",
        "{\"entry\":[]}", "{\"object\":\"whatsapp_business_account\"}",
        "{\"object\":\"whatsapp_business_account\",\"entry\":{}}",
        "{\"object\":\"whatsapp_business_account\",\"entry\":[42]}", "{\"object\":\"whatsapp_business_account\",\"entry\":["
      })
  void refusesBodiesThatAreNotTheCloudApiEnvelope(String body) {
    assertThrows(InvalidWebhookException.class, () -> WebhookParser.parse(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void acceptsAnEnvelopeWithNoEntries() throws InvalidWebhookException {
    assertEquals(List.of(), WebhookParser.parse("{\"object\":\"whatsapp_business_account\",\"entry\":[]}").events());
  }

  @Test
  void unknownMessageTypeBecomesUnsupportedNotAnException() throws InvalidWebhookException {
    MessageContent.Unsupported content =
        assertInstanceOf(MessageContent.Unsupported.class, single("{\"type\":\"hologram\",\"hologram\":{}}").content());
    assertEquals("hologram", content.type());
  }

  @Test
  void interactiveWithoutItsObjectBecomesUnsupported() throws InvalidWebhookException {
    MessageContent.Unsupported content =
        assertInstanceOf(MessageContent.Unsupported.class, single("{\"type\":\"interactive\"}").content());
    assertEquals("interactive", content.type());
  }

  @Test
  void reactionWithEmptyEmojiIsARemoval() throws InvalidWebhookException {
    MessageContent.Reaction reaction = (MessageContent.Reaction) single(
        "{\"type\":\"reaction\",\"reaction\":{\"message_id\":\"wamid.OLD\",\"emoji\":\"\"}}").content();
    assertTrue(reaction.removed());
    assertEquals("wamid.OLD", reaction.messageId().value());
  }

  @Test
  void voiceNoteIsAudioWithVoiceFlag() throws InvalidWebhookException {
    MessageContent.Media media = (MessageContent.Media) single(
        "{\"type\":\"audio\",\"audio\":{\"id\":\"555\",\"mime_type\":\"audio/ogg; codecs=opus\",\"voice\":true}}").content();
    assertEquals(MessageContent.MediaKind.AUDIO, media.kind());
    assertTrue(media.voice());
  }

  @Test
  void everyMediaTypeIsTyped() throws InvalidWebhookException {
    for (String type : List.of("image", "video", "audio", "document", "sticker")) {
      MessageContent content = single("{\"type\":\"" + type + "\",\"" + type + "\":{\"id\":\"1\",\"filename\":\"a.pdf\"}}").content();
      assertEquals(type, assertInstanceOf(MessageContent.Media.class, content).type());
    }
  }

  @Test
  void flowEditRevokeAndWelcomeRequestAreTyped() throws InvalidWebhookException {
    assertInstanceOf(MessageContent.FlowReply.class, single(
        "{\"type\":\"interactive\",\"interactive\":{\"type\":\"nfm_reply\",\"nfm_reply\":{\"name\":\"flow\",\"body\":\"Sent\",\"response_json\":\"{}\"}}}").content());
    MessageContent.Edit edit = (MessageContent.Edit) single(
        "{\"type\":\"edit\",\"edit\":{\"original_message_id\":\"wamid.A\",\"message\":{\"type\":\"text\",\"text\":{\"body\":\"fixed\"}}}}").content();
    assertEquals("fixed", edit.newText().orElseThrow());
    assertEquals("wamid.B", ((MessageContent.Revoke) single(
        "{\"type\":\"revoke\",\"revoke\":{\"original_message_id\":\"wamid.B\"}}").content()).originalId().value());
    assertInstanceOf(MessageContent.RequestWelcome.class, single("{\"type\":\"request_welcome\"}").content());
  }

  @Test
  void missingWaIdFallsBackToTheOnlyContactAndKeepsUserId() throws InvalidWebhookException {
    String body = envelope("{\"contacts\":[{\"profile\":{\"name\":\"Новый\"},\"user_id\":\"US.123\"}],"
        + "\"messages\":[" + message("{\"type\":\"text\",\"text\":{\"body\":\"hi\"}}") + "]}");
    InboundMessage message = WebhookParser.parse(body).messages().get(0);
    assertEquals("Новый", message.profileName().orElseThrow());
    assertEquals("US.123", message.userId().orElseThrow());
  }

  @Test
  void iteratesEveryEntryChangeMessageAndStatusOfABatch() throws InvalidWebhookException {
    String change = "{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
        + "\"metadata\":{\"display_phone_number\":\"15550001111\",\"phone_number_id\":\"1\"},"
        + "\"contacts\":[" + CONTACT + "],\"messages\":["
        + message("{\"type\":\"text\",\"text\":{\"body\":\"one\"}}") + ","
        + message("{\"type\":\"text\",\"text\":{\"body\":\"two\"}}").replace("wamid.IN", "wamid.IN2") + "],"
        + "\"statuses\":[{\"id\":\"wamid.OUT\",\"status\":\"delivered\",\"timestamp\":\"1750000000\",\"recipient_id\":\"79001234567\"}]}}";
    String body = "{\"object\":\"whatsapp_business_account\",\"entry\":["
        + "{\"id\":\"A\",\"changes\":[" + change + "," + change + "]},"
        + "{\"id\":\"B\",\"changes\":[" + change + "]}]}";
    WebhookBatch batch = WebhookParser.parse(body);
    assertEquals(6, batch.messages().size());
    assertEquals(3, batch.statuses().size());
    assertEquals(9, batch.events().size());
    assertEquals("Анна", batch.messages().get(1).profileName().orElseThrow());
  }

  @Test
  void failedStatusCarriesItsErrorsAndUnknownStatusIsKept() throws InvalidWebhookException {
    String body = envelope("{\"statuses\":["
        + "{\"id\":\"wamid.F\",\"status\":\"failed\",\"timestamp\":\"1750000000\",\"recipient_id\":\"79001234567\","
        + "\"errors\":[{\"code\":131047,\"title\":\"Re-engagement message\",\"message\":\"Re-engagement message\","
        + "\"error_data\":{\"details\":\"More than 24 hours have passed\"}}]},"
        + "{\"id\":\"wamid.P\",\"status\":\"played\",\"timestamp\":\"1750000001\"},"
        + "{\"id\":\"wamid.W\",\"status\":\"warped\",\"timestamp\":\"1750000002\"}]}");
    List<StatusUpdate> statuses = WebhookParser.parse(body).statuses();
    assertEquals(DeliveryStatus.FAILED, statuses.get(0).status());
    assertEquals(131047, statuses.get(0).errors().get(0).code());
    assertEquals("More than 24 hours have passed", statuses.get(0).errors().get(0).details());
    assertEquals(DeliveryStatus.PLAYED, statuses.get(1).status());
    assertEquals(DeliveryStatus.UNKNOWN, statuses.get(2).status());
    assertEquals("warped", statuses.get(2).rawStatus());
  }

  @Test
  void oddItemsInsideAValidEnvelopeDoNotLoseTheRest() throws InvalidWebhookException {
    String body = envelope("{\"contacts\":[" + CONTACT + "],\"messages\":["
        + "{\"type\":\"text\",\"text\":{\"body\":\"no id\"}},"
        + "{\"id\":\"wamid.X\",\"from\":\"not-a-number\",\"type\":\"text\",\"text\":{\"body\":\"x\"}},"
        + "{\"id\":\"wamid.L\",\"from\":\"79001234567\",\"type\":\"location\",\"location\":{\"latitude\":\"north\",\"longitude\":1}},"
        + message("{\"type\":\"text\",\"text\":{\"body\":\"fine\"}}") + "],"
        + "\"errors\":[{\"code\":131000,\"title\":\"Something went wrong\"}]}");
    WebhookBatch batch = WebhookParser.parse(body);
    assertEquals(5, batch.events().size());
    assertInstanceOf(OtherUpdate.class, batch.events().get(0));
    assertInstanceOf(OtherUpdate.class, batch.events().get(1));
    assertInstanceOf(MessageContent.Unsupported.class, batch.messages().get(0).content());
    assertEquals("fine", ((MessageContent.Text) batch.messages().get(1).content()).body());
    assertEquals(131000, ((AccountErrors) batch.events().get(4)).errors().get(0).code());
  }

  @Test
  void otherFieldsAreKeptAsOtherUpdates() throws InvalidWebhookException {
    String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"W\",\"changes\":["
        + "{\"field\":\"account_update\",\"value\":{\"event\":\"VERIFIED_ACCOUNT\"}},{\"field\":\"messages\"}]}]}";
    List<WebhookEvent> events = WebhookParser.parse(body).events();
    assertEquals("account_update", ((OtherUpdate) events.get(0)).field());
    assertEquals("W", ((OtherUpdate) events.get(0)).accountId());
    assertFalse(((OtherUpdate) events.get(1)).reason().isEmpty());
  }

  @Test
  void nonArraysWhereArraysBelongAreKeptNotIterated() throws InvalidWebhookException {
    String body = envelope("{\"messages\":{\"a\":{\"from\":\"79001234567\",\"id\":\"wamid.Z\",\"type\":\"text\"}}}");
    List<WebhookEvent> events = WebhookParser.parse(body).events();
    assertEquals(1, events.size());
    assertEquals("messages is not an array", ((OtherUpdate) events.get(0)).reason());
  }

  @Test
  void rawJsonOfEachMessageIsKept() throws InvalidWebhookException {
    InboundMessage message = single("{\"type\":\"text\",\"text\":{\"body\":\"сохрани меня\"},\"extra\":{\"x\":1}}");
    assertTrue(message.rawJson().contains("\"extra\":{\"x\":1}"), message.rawJson());
    assertTrue(message.rawJson().contains("сохрани меня"));
  }

  @Test
  void eachMessageAndStatusKeepsTheBytesMetaSentAsItsRawJson() throws InvalidWebhookException {
    // Spaces, an escaped character, Cyrillic before it (byte and character offsets differ) and a
    // repeated member: the raw text is the body's slice, not the tree written back.
    String first = "{ \"from\": \"79001234567\", \"id\": \"wamid.A\", \"timestamp\": \"1750000000\",\n"
        + "  \"type\": \"text\", \"text\": {\"body\": \"été — лето \\/ \\u0041\"}, \"type\": \"text\" }";
    String second = "{\"from\":\"79001234568\",\"id\":\"wamid.B\",\"type\":\"button\","
        + "\"button\":{\"payload\":\"p\",\"text\":\"Да\"}}";
    String status = "{\"id\" : \"wamid.OUT\", \"status\" : \"read\", \"timestamp\":\"1750000001\","
        + " \"recipient_id\":\"79001234567\"}";
    String body = envelope("{ \"contacts\": [" + CONTACT + "], \"messages\": [ " + first
        + " ,\n" + second + "], \"statuses\":[" + status + "] }");
    WebhookBatch batch = WebhookParser.parse(body.getBytes(StandardCharsets.UTF_8));
    assertEquals(first, batch.messages().get(0).rawJson());
    assertEquals(second, batch.messages().get(1).rawJson());
    assertEquals(status, batch.statuses().get(0).rawJson());
    assertEquals("été — лето / A", ((MessageContent.Text) batch.messages().get(0).content()).body());
    InboundMessage back = WebhookParser.message(first, batch.messages().get(0).business(), null);
    assertEquals(batch.messages().get(0).content(), back.content());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":{\"messages\":[{\"id\":\"x\"",
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":{\"messages\":[",
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":{\"statuses\":[{}",
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":{",
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":{\"messages\":[}]}]}]}",
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\"}]}]}"
      })
  void aBodyBrokenOffOrMalformedOnTheWayToItsMessagesIsNotJson(String body) {
    InvalidWebhookException e = assertThrows(InvalidWebhookException.class,
        () -> WebhookParser.parse(body.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().startsWith("body is not valid JSON"), e.getMessage());
  }

  @Test
  void aStoredMessageReadsBackAsTheSameTypedMessage() throws InvalidWebhookException {
    InboundMessage taken = single("{\"type\":\"interactive\",\"interactive\":{\"type\":\"button_reply\","
        + "\"button_reply\":{\"id\":\"sales:start_quiz\",\"title\":\"Go\"}}}");
    InboundMessage back = WebhookParser.message(taken.rawJson(), taken.business(), taken.profileName().orElse(null));
    assertEquals(taken.id(), back.id());
    assertEquals(taken.from(), back.from());
    assertEquals(taken.content(), back.content());
    assertEquals(taken.profileName(), back.profileName());
    assertEquals(taken.timestamp(), back.timestamp());
    assertThrows(InvalidWebhookException.class, () -> WebhookParser.message("[1]", taken.business(), null));
    assertThrows(InvalidWebhookException.class, () -> WebhookParser.message("{\"id\":\"x\"}", taken.business(), null));
    assertThrows(InvalidWebhookException.class, () -> WebhookParser.message("{", taken.business(), null));
  }

  private static InboundMessage single(String fields) throws InvalidWebhookException {
    String body = envelope("{\"contacts\":[" + CONTACT + "],\"messages\":[" + message(fields) + "]}");
    List<InboundMessage> messages = WebhookParser.parse(body).messages();
    assertEquals(1, messages.size());
    return messages.get(0);
  }

  private static String message(String fields) {
    return "{\"from\":\"79001234567\",\"id\":\"wamid.IN\",\"timestamp\":\"1750000000\"," + fields.substring(1);
  }

  private static String envelope(String value) {
    String withProduct = "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550001111\","
        + "\"phone_number_id\":\"1\"}," + value.substring(1);
    return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"W\",\"changes\":[{\"field\":\"messages\",\"value\":"
        + withProduct + "}]}]}";
  }
}
