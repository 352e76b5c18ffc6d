package dev.wabots.bot.inbox;

import static dev.wabots.bot.inbox.BotCore.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.bot.inbox.BotCore.FakeGraph;
import dev.wabots.bot.media.Received;
import dev.wabots.funnel.FunnelState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Customers' files: taken through the Graph media endpoints, checked, kept, answered per kind. */
class MediaTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String CUSTOMER = "79000000001";
  static final byte[] OGG = "OggS\0\2 a voice note".getBytes(StandardCharsets.ISO_8859_1);

  @TempDir Path dir;

  private static long done(BotCore bot) {
    return bot.inbox.counts().getOrDefault("done", 0L);
  }

  @Test
  void aVoiceNoteInTheCustomDiscoveryFillsTheTaskDescription() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.start();
      bot.assistant.heard = "Отвечать клиентам о доставке";
      bot.deliver(bot.tap(CUSTOMER, "sales:custom_start"));
      await(() -> done(bot) == 1, WAIT, "discovery started");
      bot.graph.file("m-voice", "audio/ogg; codecs=opus", OGG);
      bot.deliver(bot.media(CUSTOMER, "audio", "m-voice", "audio/ogg; codecs=opus", null, null));
      await(() -> done(bot) == 2, WAIT, "voice note answered");
      assertEquals(1, bot.assistant.transcribed.size());
      assertArrayEquals(OGG, bot.assistant.transcribed.get(0), "the downloaded bytes go to speech to text");
      List<BotCore.FakeGraph.Sent> sent = bot.graph.to(CUSTOMER);
      assertTrue(sent.get(sent.size() - 1).request().contains("Шаг 2 из 5"), "the discovery's next step");
      assertTrue(bot.assistant.questions.isEmpty(), "the transcript answered the step, not the AI");
      assertTrue(bot.graph.texts(CUSTOMER).stream().noneMatch(t -> t.contains("Я услышал")), "no echo unless set");
      assertTrue(bot.outbox.next(1000).stream().map(dev.wabots.contract.BotEvent::body)
          .filter(b -> b instanceof dev.wabots.contract.BotEvent.FunnelStep f && f.event().equals("discovery_answer"))
          .anyMatch(b -> FunnelState.CUSTOM_STEP_2.code().equals(((dev.wabots.contract.BotEvent.FunnelStep) b).stage())));
      Received kept = bot.database.media().of(lastWamid(bot)).orElseThrow();
      assertEquals("Отвечать клиентам о доставке", kept.transcript());
      dev.wabots.contract.BotEvent.MediaReceived event = bot.outbox.next(1000).stream()
          .map(dev.wabots.contract.BotEvent::body)
          .filter(dev.wabots.contract.BotEvent.MediaReceived.class::isInstance)
          .map(dev.wabots.contract.BotEvent.MediaReceived.class::cast).findFirst().orElseThrow();
      assertEquals(kept.wamid(), event.wamid());
      assertEquals("Отвечать клиентам о доставке", event.transcript(), "the thread shows what was heard");
      assertEquals("stored", event.state());
      assertTrue(Files.exists(bot.database.media().folder().resolve(kept.path())));
    }
  }

  @Test
  void withTheEchoOnAVoiceNoteIsFirstRepeatedThenAnsweredAsTyped() throws Exception {
    try (BotCore bot = new BotCore(dir, BotCore.settings().sttEcho(true).build())) {
      bot.start();
      bot.assistant.heard = "Отвечать клиентам о доставке";
      bot.deliver(bot.tap(CUSTOMER, "sales:custom_start"));
      await(() -> done(bot) == 1, WAIT, "discovery started");
      int before = bot.graph.to(CUSTOMER).size();
      bot.graph.file("m-voice", "audio/ogg; codecs=opus", OGG);
      bot.deliver(bot.media(CUSTOMER, "audio", "m-voice", "audio/ogg; codecs=opus", null, null));
      await(() -> done(bot) == 2, WAIT, "voice note answered");
      List<BotCore.FakeGraph.Sent> sent = bot.graph.to(CUSTOMER);
      List<BotCore.FakeGraph.Sent> answer = sent.subList(before, sent.size());
      assertTrue(answer.get(0).request().contains("Я услышал: Отвечать клиентам о доставке"), answer.toString());
      assertTrue(answer.get(answer.size() - 1).request().contains("Шаг 2 из 5"), "then the discovery's next step");
      assertTrue(bot.assistant.questions.isEmpty(), "the transcript answered the step, not the AI");

      // Typed text and a voice note that could not be heard get no echo.
      bot.assistant.heard = null;
      bot.graph.file("m-voice2", "audio/ogg", OGG);
      bot.deliver(bot.media(CUSTOMER, "audio", "m-voice2", "audio/ogg", null, null));
      await(() -> done(bot) == 3, WAIT, "second voice note answered");
      bot.deliver(bot.text(CUSTOMER, "просто текст"));
      await(() -> done(bot) == 4, WAIT, "text answered");
      assertEquals(1, bot.graph.texts(CUSTOMER).stream().filter(t -> t.contains("Я услышал")).count(),
          bot.graph.texts(CUSTOMER).toString());
    }
  }

  @Test
  void aVoiceNoteThatCannotBeHeardGetsThePoliteAnswerAndAHandOffRequest() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.start();
      bot.graph.file("m-voice", "audio/ogg", OGG);
      bot.deliver(bot.media(CUSTOMER, "audio", "m-voice", "audio/ogg", null, null));
      await(() -> done(bot) == 1, WAIT, "answered");
      assertTrue(bot.graph.texts(CUSTOMER).get(0).startsWith("Не получилось разобрать голосовое"),
          bot.graph.texts(CUSTOMER).toString());
      assertTrue(bot.handoffs.of(CUSTOMER).isPresent(), "a person is asked for");
      assertTrue(bot.assistant.questions.isEmpty(), "nothing for the AI");
    }
  }

  @Test
  void aDocumentIsStoredAndAcknowledgedWithItsFileName() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.start();
      byte[] pdf = "%PDF-1.7 a brief".getBytes(StandardCharsets.US_ASCII);
      bot.graph.file("m-doc", "application/pdf", pdf);
      bot.deliver(bot.media(CUSTOMER, "document", "m-doc", "application/pdf", "brief.pdf", "our brief"));
      await(() -> done(bot) == 1, WAIT, "answered");
      assertTrue(bot.graph.texts(CUSTOMER).get(0).contains("«brief.pdf»"), bot.graph.texts(CUSTOMER).toString());
      assertArrayEquals(pdf, bot.database.media().bytes(lastWamid(bot)).orElseThrow());
    }
  }

  @Test
  void aTwentyMegabyteDocumentIsRefusedPolitelyAndNothingBreaks() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.start();
      byte[] big = new byte[20 << 20];
      System.arraycopy("%PDF-1.7".getBytes(StandardCharsets.US_ASCII), 0, big, 0, 8);
      bot.graph.file("m-big", "application/pdf", big);
      bot.deliver(bot.media(CUSTOMER, "document", "m-big", "application/pdf", "big.pdf", null));
      await(() -> done(bot) == 1, WAIT, "answered");
      assertTrue(bot.graph.texts(CUSTOMER).get(0).contains("файл больше 16 МБ"), bot.graph.texts(CUSTOMER).toString());
      assertEquals(0, bot.graph.downloads.get(), "the size Meta gave is enough to refuse it");
      Received refused = bot.database.media().of(lastWamid(bot)).orElseThrow();
      assertEquals("too_large", refused.refusal());
      assertEquals(null, refused.path());
      bot.deliver(bot.text(CUSTOMER, "а так?"));
      await(() -> done(bot) == 2, WAIT, "the next message answered");
      assertEquals(List.of("а так?"), bot.assistant.questions);
    }
  }

  @Test
  void aFileThatIsNotWhatItsTypeSaysIsRefused() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.start();
      bot.graph.file("m-fake", "image/jpeg", "MZ not a picture".getBytes(StandardCharsets.US_ASCII));
      bot.deliver(bot.media(CUSTOMER, "image", "m-fake", "image/jpeg", null, "look"));
      await(() -> done(bot) == 1, WAIT, "answered");
      assertEquals("not_what_it_claims", bot.database.media().of(lastWamid(bot)).orElseThrow().refusal());
      assertTrue(bot.graph.texts(CUSTOMER).get(0).contains("повреждён"), bot.graph.texts(CUSTOMER).toString());
    }
  }

  @Test
  void aDownloadRefusedWithA5xxIsRetriedUntilItWorks() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.start();
      byte[] pdf = "%PDF-1.7 retried".getBytes(StandardCharsets.US_ASCII);
      bot.graph.file("m-doc", "application/pdf", pdf);
      bot.graph.mediaFailures.add(FakeGraph.error(500, 131000));
      bot.graph.mediaFailures.add(FakeGraph.error(503, 131016));
      bot.deliver(bot.media(CUSTOMER, "document", "m-doc", "application/pdf", "brief.pdf", null));
      await(() -> done(bot) == 1, WAIT, "answered after the retries");
      assertTrue(bot.database.media().of(lastWamid(bot)).orElseThrow().stored());
      assertEquals(1, bot.graph.downloads.get(), "downloaded once");
      assertTrue(bot.graph.texts(CUSTOMER).get(0).contains("«brief.pdf»"));
    }
  }

  static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0};

  @Test
  void aPhotoGoesToAnAiThatTakesImagesWithItsCaption() throws Exception {
    BotCore.Settings vision = BotCore.settings().aiSeesImages(true);
    try (BotCore bot = new BotCore(dir, vision.build())) {
      bot.start();
      bot.graph.file("m-photo", "image/jpeg", JPEG);
      bot.deliver(bot.media(CUSTOMER, "image", "m-photo", "image/jpeg", null, "Такой сервер подойдёт?"));
      await(() -> done(bot) == 1, WAIT, "answered");
      assertEquals(List.of("Такой сервер подойдёт?"), bot.assistant.questions);
      assertEquals(1, bot.assistant.images.size());
      assertEquals("image/jpeg", bot.assistant.images.get(0).mimeType());
      assertArrayEquals(JPEG, java.util.Base64.getDecoder().decode(bot.assistant.images.get(0).dataBase64()));
      assertEquals(List.of("answer: Такой сервер подойдёт?"), bot.graph.texts(CUSTOMER));
      assertTrue(bot.handoffs.of(CUSTOMER).isEmpty(), "the AI handled it: nobody is asked for");
    }
  }

  @Test
  void aPhotoWithoutAnAiForImagesGetsThePoliteAnswer() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.start();
      bot.graph.file("m-photo", "image/jpeg", JPEG);
      bot.deliver(bot.media(CUSTOMER, "image", "m-photo", "image/jpeg", null, "смотрите"));
      await(() -> done(bot) == 1, WAIT, "answered");
      assertTrue(bot.graph.texts(CUSTOMER).get(0).startsWith("Спасибо за фото!"), bot.graph.texts(CUSTOMER).toString());
      assertTrue(bot.assistant.questions.isEmpty());
      assertTrue(bot.handoffs.of(CUSTOMER).isPresent(), "media_handoff on: a person is asked for");
    }
  }

  @Test
  void reactionsAreRecordedWithoutAReply() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.start();
      bot.deliver(bot.reaction(CUSTOMER));
      await(() -> bot.inbox.counts().getOrDefault("ignored", 0L) == 1, WAIT, "taken");
      assertTrue(bot.graph.all().isEmpty());
      assertFalse(Arrays.asList(bot.inbox.counts().keySet().toArray()).contains("failed"));
    }
  }

  private static String lastWamid(BotCore bot) {
    return bot.database.transactions().read(s -> s.first(
        "SELECT json_extract(raw, '$.id') FROM inbox ORDER BY seq DESC LIMIT 1", r -> r.text(1))).orElseThrow();
  }
}
