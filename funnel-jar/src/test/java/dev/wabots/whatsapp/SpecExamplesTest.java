package dev.wabots.whatsapp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Our JSON for the same content equals Meta's request examples for {@code POST /messages}. The
 * examples' recipient is a placeholder ({@code {{Recipient-Phone-Number}}}); it is replaced by our
 * test number before comparing, and so is the audio URL placeholder. Everything else is compared
 * as written in Meta's file.
 */
class SpecExamplesTest {
  private static final PhoneNumber TO = new PhoneNumber("16505551234");

  @Test
  void textMatchesSendTextMessage() {
    assertSameAsExample("Send Text Message", TextMessage.of("text-message-content").to(TO));
  }

  @Test
  void replyButtonsMatchSendReplyButton() {
    ReplyButtonsMessage message =
        ReplyButtonsMessage.of(
            "<BUTTON_TEXT>",
            List.of(
                ReplyButton.of("<UNIQUE_BUTTON_ID_1>", "<BUTTON_TITLE_1>"),
                ReplyButton.of("<UNIQUE_BUTTON_ID_2>", "<BUTTON_TITLE_2>")));
    assertSameAsExample("Send Reply Button", message.to(TO));
  }

  @Test
  void listMatchesSendListMessage() {
    ListMessage message =
        new ListMessage(
            "<HEADER_TEXT>",
            "<BODY_TEXT>",
            "<FOOTER_TEXT>",
            "<BUTTON_TEXT>",
            List.of(
                new ListSection(
                    "<LIST_SECTION_1_TITLE>",
                    List.of(
                        ListRow.of("<LIST_SECTION_1_ROW_1_ID>", "<SECTION_1_ROW_1_TITLE>", "<SECTION_1_ROW_1_DESC>"),
                        ListRow.of("<LIST_SECTION_1_ROW_2_ID>", "<SECTION_1_ROW_2_TITLE>", "<SECTION_1_ROW_2_DESC>"))),
                new ListSection(
                    "<LIST_SECTION_2_TITLE>",
                    List.of(
                        ListRow.of("<LIST_SECTION_2_ROW_1_ID>", "<SECTION_2_ROW_1_TITLE>", "<SECTION_2_ROW_1_DESC>"),
                        ListRow.of("<LIST_SECTION_2_ROW_2_ID>", "<SECTION_2_ROW_2_TITLE>", "<SECTION_2_ROW_2_DESC>")))));
    assertSameAsExample("Send List Message", message.to(TO));
  }

  @Test
  void audioByIdMatchesSendAudioMessageById() {
    assertSameAsExample("Send Audio Message by ID", AudioMessage.ofMediaId("<AUDIO_OBJECT_ID>", false).to(TO));
  }

  @Test
  void audioByLinkMatchesSendAudioMessageByUrl() {
    String link = "https://cdn.example.com/voice.ogg";
    JsonNode expected = MetaSpec.sendExample("Send Audio Message by URL");
    ((ObjectNode) expected.path("audio")).put("link", link);
    assertSame("Send Audio Message by URL", expected, AudioMessage.ofLink(link, false).to(TO));
  }

  @Test
  void documentByIdMatchesSendDocumentMessageById() {
    assertSameAsExample("Send Document Message by ID",
        DocumentMessage.ofMediaId("<DOCUMENT_OBJECT_ID>", "<DOCUMENT_FILENAME>", "<DOCUMENT_CAPTION_TO_SEND>").to(TO));
  }

  @Test
  void templateMatchesSendMessageTemplateText() {
    assertSameAsExample("Send Message Template Text", template(List.of(body())).to(TO));
  }

  @Test
  void templateWithImageHeaderMatchesSendMessageTemplateMedia() {
    TemplateComponent header =
        new TemplateComponent.Header(List.of(new TemplateParameter.Image("http://the-image-url", null)));
    JsonNode expected = MetaSpec.sendExample("Send Message Template Media");
    // The example's link placeholder "http(s)://the-image-url" is not a URL; ours must be one.
    ((ObjectNode) expected.at("/template/components/0/parameters/0/image")).put("link", "http://the-image-url");
    assertSame("Send Message Template Media", expected, template(List.of(header, body())).to(TO));
  }

  @Test
  void templateWithQuickRepliesMatchesSendMessageTemplateInteractive() {
    TemplateComponent header =
        new TemplateComponent.Header(List.of(new TemplateParameter.Image("http://the-image-url", null)));
    List<TemplateComponent> components =
        List.of(
            header,
            body(),
            new TemplateComponent.Button("quick_reply", 0, List.of(new TemplateParameter.Payload("aGlzIHRoaXMgaXMgY29v"))),
            new TemplateComponent.Button("quick_reply", 1, List.of(new TemplateParameter.Payload("9rwnB8RbYmPF5t2Mn09x4h"))));
    JsonNode expected = MetaSpec.sendExample("Send Message Template Interactive");
    ((ObjectNode) expected.at("/template/components/0/parameters/0/image")).put("link", "http://the-image-url");
    assertSame("Send Message Template Interactive", expected, template(components).to(TO));
  }

  @Test
  void markAsReadWithTypingMatchesSendTypingIndicatorAndReadReceipt() {
    MarkAsRead read =
        new MarkAsRead(new MessageId("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUYzMjEzNDM2RTZGQ0MzMDJBRgA="), true);
    assertSame(
        "Send typing indicator and read receipt",
        MetaSpec.sendExample("Send typing indicator and read receipt"),
        read);
  }

  @Test
  void markAsReadWithoutTypingOmitsTheIndicator() {
    JsonNode json = new MarkAsRead(new MessageId("wamid.X"), false).toJsonTree();
    assertTrue(json.path("typing_indicator").isMissingNode());
    assertTrue(json.path("status").asText().equals("read"));
  }

  @Test
  void voiceFlagIsSentOnlyForVoiceNotes() {
    assertTrue(AudioMessage.ofMediaId("123", true).to(TO).toJsonTree().at("/audio/voice").asBoolean());
    assertTrue(AudioMessage.ofMediaId("123", false).to(TO).toJsonTree().at("/audio/voice").isMissingNode());
  }

  private static TemplateMessage template(List<TemplateComponent> components) {
    return new TemplateMessage("template-name", "language-and-locale-code", components);
  }

  private static TemplateComponent body() {
    return new TemplateComponent.Body(
        List.of(
            new TemplateParameter.Text("text-string"),
            new TemplateParameter.Currency("$100.99", "USD", 100990),
            new TemplateParameter.DateTime("February 25, 1977", LocalDateTime.of(1977, 2, 25, 15, 33))));
  }

  private static void assertSameAsExample(String example, CloudApiRequest ours) {
    assertSame(example, MetaSpec.sendExample(example), ours);
  }

  private static void assertSame(String example, JsonNode expected, CloudApiRequest ours) {
    if (expected.has("to")) {
      ((ObjectNode) expected).put("to", TO.digits()); // the example's recipient is a placeholder
    }
    JsonNode actual = ours.toJsonTree();
    assertTrue(
        expected.equals(MetaSpec.NUMBERS_BY_VALUE, actual),
        "differs from Meta's example '" + example + "'\n expected " + expected + "\n actual   " + actual);
    // and the text form says the same
    assertTrue(actual.equals(MetaSpec.NUMBERS_BY_VALUE, readTree(ours.toJson())));
  }

  private static JsonNode readTree(String json) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
