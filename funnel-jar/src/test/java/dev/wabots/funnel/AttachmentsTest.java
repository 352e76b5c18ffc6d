package dev.wabots.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.whatsapp.MessageContent;
import dev.wabots.whatsapp.MessageId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttachmentsTest {
  private static final List<String> MENU = List.of("sales:start_quiz", "sales:contact", "sales:faq");

  @Test
  void aDocumentIsAcknowledgedWithItsFileNameAndTheMenu() {
    Chat chat = new Chat("ru");
    chat.step(FunnelInput.of(new MessageContent.Media(MessageContent.MediaKind.DOCUMENT, "m1", "application/pdf", "",
        "../../Бриф_v2.pdf", false, false)));
    assertTrue(chat.said().contains("«Бриф v2.pdf»"), chat.said());
    assertEquals(MENU, chat.offered());
    assertEquals(List.of(FunnelEvent.MEDIA_RECEIVED), chat.eventTypes());
    assertEquals("document", chat.last.events().get(0).data().get("type"));
  }

  @Test
  void aLocationIsAcknowledgedWithThePlaceOrTheCoordinates() {
    Chat chat = new Chat("en");
    chat.step(FunnelInput.of(new MessageContent.Location(55.7558, 37.6173, "Office", "Tverskaya 1", "")));
    assertTrue(chat.said().contains("Office, Tverskaya 1"), chat.said());
    chat.step(FunnelInput.of(new MessageContent.Location(55.7558, 37.6173, "", "", "")));
    assertTrue(chat.said().contains("55.755800, 37.617300"), chat.said());
  }

  @Test
  void contactsAreAcknowledgedByName() {
    Chat chat = new Chat("en");
    chat.step(FunnelInput.of(new MessageContent.Contacts(List.of(new MessageContent.SharedContact("Ivan Petrov",
        List.of("+79001234567"))))));
    assertTrue(chat.said().contains("Ivan Petrov"), chat.said());
  }

  @Test
  void aStickerGetsAShortReplyWithoutTheMenu() {
    Chat chat = new Chat("ru");
    chat.step(FunnelInput.of(new MessageContent.Media(MessageContent.MediaKind.STICKER, "m2", "image/webp", "", "",
        false, false)));
    assertEquals(1, chat.last.messages().size());
    assertEquals(List.of(), chat.offered());
  }

  @Test
  void reactionsAreIgnoredAndVideoGetsTheFallback() {
    assertInstanceOf(FunnelInput.Ignored.class,
        FunnelInput.of(new MessageContent.Reaction(new MessageId("wamid.x"), "👍")));
    Chat chat = new Chat("ru");
    chat.step(FunnelInput.of(new MessageContent.Media(MessageContent.MediaKind.VIDEO, "m3", "video/mp4", "", "",
        false, false)));
    assertTrue(chat.said().startsWith("Я понимаю текстовые сообщения"), chat.said());
    assertEquals(MENU, chat.offered());
  }

  @Test
  void aDefinitionWithoutTheAttachmentsScreenAnswersWithItsFallback() throws Exception {
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode tree;
    try (var in = FunnelDefinition.class.getResourceAsStream("definition-ru.json")) {
      tree = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(in);
    }
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("screens")).remove("document_received");
    String json = mapper.writeValueAsString(tree);
    Chat chat = new Chat(new FunnelEngine(FunnelDefinition.parse(json)));
    chat.step(new FunnelInput.Shared(Attachment.DOCUMENT, Map.of("filename", "a.pdf")));
    assertTrue(chat.said().startsWith("Я понимаю текстовые сообщения"), chat.said());
    assertEquals(MENU, chat.offered());
  }

  @Test
  void aRefusedFileIsExplained() {
    Chat chat = new Chat("en");
    chat.step(new FunnelInput.Shared(Attachment.MEDIA_REFUSED, Map.of("reason", "it is larger than 16 MB")));
    assertTrue(chat.said().contains("it is larger than 16 MB"), chat.said());
  }

  @Test
  void theEchoOfAVoiceNoteIsInTheDefinitionsLanguageAndCutWhenLong() {
    String ru = FunnelDefinition.load("ru").heard("  Нужен бот для доставки ", null).map(m -> ((dev.wabots.whatsapp.TextMessage) m).body()).orElseThrow();
    assertEquals("🎙 Я услышал: Нужен бот для доставки", ru);
    String en = FunnelDefinition.load("en").heard("Hello there", null).map(m -> ((dev.wabots.whatsapp.TextMessage) m).body()).orElseThrow();
    assertEquals("🎙 I heard: Hello there", en);
    String longest = FunnelDefinition.load("en").heard("a".repeat(5000), null)
        .map(m -> ((dev.wabots.whatsapp.TextMessage) m).body()).orElseThrow();
    assertTrue(longest.endsWith("a…") && longest.length() < 3100, longest.length() + " characters");
    String braces = FunnelDefinition.load("en").heard("say {greeting} $1 \\", null)
        .map(m -> ((dev.wabots.whatsapp.TextMessage) m).body()).orElseThrow();
    assertEquals("🎙 I heard: say {greeting} $1 \\", braces, "the customer's words are not a template");
  }

  @Test
  void aDefinitionWithoutTheEchoScreenEchoesWithTheShippedText() throws Exception {
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode tree;
    try (var in = FunnelDefinition.class.getResourceAsStream("definition-ru.json")) {
      tree = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(in);
    }
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("screens")).remove("voice_heard");
    FunnelDefinition own = FunnelDefinition.parse(mapper.writeValueAsString(tree));
    assertEquals("🎙 Я услышал: привет", own.heard("привет", null)
        .map(m -> ((dev.wabots.whatsapp.TextMessage) m).body()).orElseThrow());
  }

  @Test
  void anEchoScreenThatBreaksWhatsAppsLimitWithTheLongestTranscriptIsAProblem() throws Exception {
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode tree;
    try (var in = FunnelDefinition.class.getResourceAsStream("definition-en.json")) {
      tree = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(in);
    }
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("screens").get("voice_heard"))
        .put("body", "x".repeat(1200) + " {transcript}");
    List<DefinitionProblem> problems = FunnelDefinition.read(mapper.writeValueAsString(tree)).validate();
    assertTrue(problems.stream().anyMatch(p -> p.node().contains("voice_heard") && p.rule() == DefinitionRule.WHATSAPP_LIMIT),
        problems.toString());
  }
}
