package dev.wabots.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wabots.funnel.FunnelReport;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The wire form of every contract message is pinned by a fixture: a field added to a record (on
 * "one side") without the fixture, or a name that changed, fails here before a bot and an
 * orchestrator disagree in production.
 */
class ContractJsonTest {

  private static final ObjectMapper TREES = new ObjectMapper();

  static final Map<String, Class<?>> MESSAGES = Map.ofEntries(
      Map.entry("BotConfiguration.Answer", BotConfiguration.Answer.class),
      Map.entry("ChatRequest", ChatRequest.class),
      Map.entry("ChatAnswer", ChatAnswer.class),
      Map.entry("SpeechRequest", SpeechRequest.class),
      Map.entry("LogLines", LogLines.class),
      Map.entry("FunnelReport", FunnelReport.class),
      Map.entry("EventBatch", EventBatch.class),
      Map.entry("EventAck", EventAck.class),
      Map.entry("CommandResult", CommandResult.class),
      Map.entry("BotCommand", BotCommand.class));

  @ParameterizedTest
  @ValueSource(strings = {"BotConfiguration.Answer", "ChatRequest", "ChatAnswer", "SpeechRequest", "LogLines",
      "FunnelReport", "EventBatch", "EventAck", "CommandResult", "BotCommand"})
  void everyMessageRoundTripsToItsFixtureExactly(String name) throws IOException {
    String fixture = fixture(name);
    Object value = ContractJson.read(fixture, MESSAGES.get(name));
    assertEquals(TREES.readTree(fixture), TREES.readTree(ContractJson.write(value)), name + " wire form changed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"BotConfiguration.Answer", "ChatRequest", "ChatAnswer", "SpeechRequest", "LogLines",
      "FunnelReport", "EventBatch", "EventAck", "CommandResult", "BotCommand"})
  void everyRecordComponentHasItsFieldInTheFixture(String name) throws IOException {
    Set<String> missing = new TreeSet<>();
    collectMissing(MESSAGES.get(name), TREES.readTree(fixture(name)), name, missing);
    assertTrue(missing.isEmpty(), "fields of the records missing from " + name + ".json: " + missing);
  }

  @Test
  void everyEventKindReadsBackAsItsTypeAndAnUnknownKindIsRefused() {
    EventBatch batch = ContractJson.read(fixtureUnchecked("EventBatch"), EventBatch.class);
    assertEquals(java.util.List.of(BotEvent.MessageIn.class, BotEvent.FunnelStep.class, BotEvent.MessageOut.class,
        BotEvent.AiFailed.class, BotEvent.HandOff.class, BotEvent.MediaReceived.class,
        BotEvent.RequirementsDraft.class, BotEvent.Erased.class),
        batch.events().stream().map(e -> e.body().getClass()).toList());
    assertThrows(ContractException.class, () -> ContractJson.read("{\"kind\":\"reboot\",\"phone\":\"1\"}",
        BotCommand.class));
  }

  @Test
  void aBatchOfStoredBodiesIsTheSameTextAsTheBatchOfRecords() {
    EventBatch batch = ContractJson.read(fixtureUnchecked("EventBatch"), EventBatch.class);
    java.util.List<EventBatch.Stored> stored = batch.events().stream()
        .map(e -> new EventBatch.Stored(e.seq(), e.at(), e.phone(), ContractJson.write(e.body()))).toList();
    String spliced = ContractJson.eventBatch(batch.bot(), batch.stream(), stored);
    assertEquals(ContractJson.write(batch), spliced, "byte for byte the text the records give");
    assertEquals(batch, ContractJson.read(spliced, EventBatch.class));
    // Quotes, Russian text, a time with nanoseconds, no events.
    BotEvent odd = new BotEvent(7, java.time.Instant.parse("2026-12-06T17:40:01.123456789Z"), "79000000001",
        new BotEvent.MessageIn("wamid.1", "Имя \"в кавычках\"", "text", "строка\nдве", "{\"a\":\"б\"}"));
    EventBatch one = new EventBatch("bot-1", "s-1", java.util.List.of(odd));
    assertEquals(ContractJson.write(one), ContractJson.eventBatch("bot-1", "s-1", java.util.List.of(
        new EventBatch.Stored(7, odd.at(), odd.phone(), ContractJson.write(odd.body())))));
    assertEquals(ContractJson.write(new EventBatch("bot-1", "s-1", java.util.List.of())),
        ContractJson.eventBatch("bot-1", "s-1", java.util.List.of()));
  }

  @Test
  void unknownFieldsAreIgnoredSoNeighbouringVersionsUnderstandEachOther() {
    ChatTurn turn = ContractJson.read("{\"role\":\"user\",\"content\":\"hi\",\"added_later\":1}", ChatTurn.class);
    assertEquals(new ChatTurn("user", "hi"), turn);
  }

  @Test
  void badTextIsAContractExceptionNamingTheType() {
    ContractException notJson = assertThrows(ContractException.class, () -> ContractJson.read("{", ChatRequest.class));
    assertTrue(notJson.getMessage().contains("ChatRequest"), notJson.getMessage());
    assertThrows(ContractException.class, () -> ContractJson.read("", ChatRequest.class));
    assertThrows(ContractException.class, () -> ContractJson.read("null", ChatRequest.class));
    assertThrows(ContractException.class, () -> ContractJson.read("{\"latency_ms\":\"soon\"}", ChatAnswer.class));
    assertThrows(ContractException.class, () -> ContractJson.read("{\"fallback_used\":null}", ChatAnswer.class),
        "a primitive may not be null");
    ContractException misfit = assertThrows(ContractException.class, () -> ContractJson.read(
        "{\"stream\":\"s\",\"events\":[{\"seq\":1},{\"seq\":\"two\"}]}", EventBatch.class));
    assertTrue(misfit.getMessage().startsWith("not a EventBatch at events[1].seq: "), misfit.getMessage());
    ContractException unknownKind = assertThrows(ContractException.class, () -> ContractJson.read(
        "{\"stream\":\"s\",\"events\":[{\"seq\":1,\"body\":{\"kind\":\"reboot\"}}]}", EventBatch.class));
    assertTrue(unknownKind.getMessage().contains(" at events[0].body: "), unknownKind.getMessage());
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertThrows(ContractException.class, () -> ContractJson.read("{\"messages\":" + deep + "}", ChatRequest.class));
  }

  @Test
  void utf8BytesReadAsTheTextDoesAndBadBytesAreAContractException() {
    String fixture = fixtureUnchecked("EventBatch");
    EventBatch fromBytes = ContractJson.read(fixture.getBytes(StandardCharsets.UTF_8), EventBatch.class);
    assertEquals(ContractJson.read(fixture, EventBatch.class), fromBytes);
    ChatTurn russian = ContractJson.read("{\"role\":\"user\",\"content\":\"привет \\\"мир\\\"\"}"
        .getBytes(StandardCharsets.UTF_8), ChatTurn.class);
    assertEquals(new ChatTurn("user", "привет \"мир\""), russian);
    assertThrows(ContractException.class, () -> ContractJson.read(" \n\t".getBytes(StandardCharsets.UTF_8),
        ChatRequest.class), "blank");
    assertThrows(ContractException.class, () -> ContractJson.read("null".getBytes(StandardCharsets.UTF_8),
        ChatRequest.class));
    byte[] notUtf8 = {'{', '"', 'r', 'o', 'l', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    ContractException bad = assertThrows(ContractException.class, () -> ContractJson.read(notUtf8, ChatTurn.class));
    assertTrue(bad.getMessage().contains("ChatTurn"), bad.getMessage());
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertThrows(ContractException.class, () -> ContractJson.read(("{\"messages\":" + deep + "}")
        .getBytes(StandardCharsets.UTF_8), ChatRequest.class));
  }

  @Test
  void aConfigurationWithoutHandoffRulesReadsAsTheDefaultsEveryTriggerOnTwelveHours() {
    String older = fixtureUnchecked("BotConfiguration.Answer").replaceAll(",\\s*\"handoff\":\\{[^}]*}", "");
    assertTrue(!older.contains("\"handoff\""), older);
    BotConfiguration c = ContractJson.read(older, BotConfiguration.Answer.class).instance();
    assertEquals(HandoffRules.DEFAULTS, c.handoff());
    assertEquals(java.time.Duration.ofHours(12), c.handoff().handBackAfter());
    BotConfiguration pinned = ContractJson.read(fixtureUnchecked("BotConfiguration.Answer"), BotConfiguration.Answer.class)
        .instance();
    assertEquals(new HandoffRules(true, false, true, false, 6), pinned.handoff());
  }

  @Test
  void secretsNeverAppearInTheConfigurationsText() {
    BotConfiguration c = ContractJson.read(fixtureUnchecked("BotConfiguration.Answer"), BotConfiguration.Answer.class)
        .instance();
    assertTrue(!c.toString().contains("s3cret") && !c.toString().contains("EAAB"), c.toString());
  }

  private static void collectMissing(Class<?> type, JsonNode node, String path, Set<String> missing) {
    if (!type.isRecord() || node == null || !node.isObject()) {
      return;
    }
    for (RecordComponent c : type.getRecordComponents()) {
      String field = snake(c.getName());
      JsonNode child = node.get(field);
      if (child == null) {
        missing.add(path + "." + field);
        continue;
      }
      collectMissing(c.getType(), child, path + "." + field, missing);
      Type generic = c.getGenericType();
      if (child.isArray() && !child.isEmpty() && generic instanceof ParameterizedType p
          && p.getActualTypeArguments()[0] instanceof Class<?> element) {
        collectMissing(element, child.get(0), path + "." + field + "[0]", missing);
      }
    }
  }

  static String snake(String camel) {
    StringBuilder out = new StringBuilder();
    for (char ch : camel.toCharArray()) {
      if (Character.isUpperCase(ch)) {
        out.append('_').append(Character.toLowerCase(ch));
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }

  private static String fixture(String name) throws IOException {
    try (InputStream in = ContractJsonTest.class.getResourceAsStream(name + ".json")) {
      if (in == null) {
        throw new IOException("no fixture " + name + ".json");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String fixtureUnchecked(String name) {
    try {
      return fixture(name);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
