package dev.wabots.admin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.conversations.boundary.MessageMedia;
import dev.wabots.conversations.boundary.MessageView;
import dev.wabots.sandbox.control.SandboxStore;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatBubblesTest {

  private static final Instant AT = Instant.parse("2026-12-04T10:00:00Z");

  private static MessageView in(long seq, String wamid, String payload, MessageMedia media, String transcript) {
    return new MessageView(seq, "in", "customer", AT, "audio", null, payload, media, transcript, wamid);
  }

  @Test
  void aKeptVoiceNoteOfAnyBotPlaysFromTheBotWithItsTranscript() {
    String payload = "{\"type\":\"audio\",\"audio\":{\"id\":\"meta-media-1\",\"mime_type\":\"audio/ogg\",\"voice\":true}}";
    MessageMedia kept = new MessageMedia("audio", "audio/ogg", null, 1200, "stored", null, "/admin/…");
    List<ChatBubbles.Bubble> bubbles = ChatBubbles.ofThread(List.of(in(1, "wamid.A/B+C=", payload, kept,
        "Нужен <b>бот</b>")), ZoneOffset.UTC, "live-bot", "79001234567");
    ChatBubbles.Bubble b = bubbles.get(0);
    assertEquals("audio", b.kind());
    assertEquals("/panel/media/conversation?bot=live-bot&phone=79001234567&wamid=wamid.A%2FB%2BC%3D", b.fileUrl());
    assertEquals("/ctx" + b.fileUrl(), ChatBubbles.fileOf(b, "/ctx", "live-bot"), "the kept file, not the sandbox's");
    assertTrue(b.bodyHtml().contains("Нужен &lt;b&gt;бот&lt;/b&gt;"), "the transcript, escaped: " + b.bodyHtml());
  }

  @Test
  void aRefusedFileSaysWhyAndOffersNothingToOpen() {
    String payload = "{\"type\":\"document\",\"document\":{\"id\":\"m2\",\"mime_type\":\"application/pdf\",\"filename\":\"big.pdf\"}}";
    MessageMedia refused = new MessageMedia("document", "application/pdf", "big.pdf", 20_000_000, "refused", "too_large", null);
    ChatBubbles.Bubble b = ChatBubbles.ofThread(List.of(in(2, "wamid.D", payload, refused, null)), ZoneOffset.UTC,
        "bot", "7900").get(0);
    assertNull(b.fileUrl());
    assertTrue(b.bodyHtml().contains("too_large"), b.bodyHtml());
    ChatBubbles.Bubble said = ChatBubbles.ofThread(List.of(in(2, "wamid.D", payload, refused, null)), ZoneOffset.UTC,
        "bot", "7900", code -> code.equals("too_large") ? "Не сохранён: файл больше <лимита>" : code).get(0);
    assertTrue(said.bodyHtml().contains("Не сохранён: файл больше &lt;лимита&gt;"), "in the person's language, escaped: "
        + said.bodyHtml());
  }

  @Test
  void aDocumentKeptIsADownloadWithItsName() {
    String payload = "{\"type\":\"document\",\"document\":{\"id\":\"m3\",\"mime_type\":\"application/pdf\",\"filename\":\"Бриф.pdf\"}}";
    MessageMedia kept = new MessageMedia("document", "application/pdf", "Бриф.pdf", 100, "stored", null, "/admin/…");
    ChatBubbles.Bubble b = ChatBubbles.ofThread(List.of(in(3, "wamid.E", payload, kept, null)), ZoneOffset.UTC,
        "bot", "7900").get(0);
    assertEquals("document", b.kind());
    assertEquals("Бриф.pdf", b.mediaName());
    assertTrue(b.hasFile());
  }

  @Test
  void theTestChatShowsWhatWasHeardUnderTheVoiceNote() {
    String webhook = "{\"entry\":[{\"changes\":[{\"value\":{\"messages\":[{\"id\":\"wamid.V\",\"type\":\"audio\","
        + "\"audio\":{\"id\":\"55\",\"mime_type\":\"audio/ogg\",\"voice\":true}}]}}]}]}";
    SandboxStore.Entry voice = new SandboxStore.Entry(7, "7900", "in", AT, "wamid.V", webhook, true, List.of(), null);
    ChatBubbles.Conversation c = ChatBubbles.of(List.of(voice), AT, ZoneOffset.UTC, Map.of("wamid.V", "привет"));
    ChatBubbles.Bubble b = c.bubbles().get(0);
    assertEquals("audio", b.kind());
    assertEquals("/ctx/panel/sandbox/sb/media/55", ChatBubbles.fileOf(b, "/ctx", "sb"), "the sandbox keeps it");
    assertTrue(b.bodyHtml().contains("привет"), b.bodyHtml());
    assertTrue(ChatBubbles.of(List.of(voice), AT, ZoneOffset.UTC).bubbles().get(0).bodyHtml().isEmpty());
  }
}
