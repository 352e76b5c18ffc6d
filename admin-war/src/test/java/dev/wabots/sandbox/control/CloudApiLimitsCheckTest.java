package dev.wabots.sandbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class CloudApiLimitsCheckTest {

  private final CloudApiLimitsCheck limits = new CloudApiLimitsCheck();

  @Test
  void acceptsAWellFormedReplyButtonMessage() {
    assertEquals(List.of(), limits.check(Bodies.replyButtons("Yes", "No", "Later")));
  }

  @Test
  void rejectsFourReplyButtons() {
    List<RequestProblem> problems = limits.check(Bodies.replyButtons("A", "B", "C", "D"));

    assertEquals(List.of("/interactive/action/buttons"), pointers(problems));
    assertTrue(problems.get(0).message().contains("found 4"), problems.toString());
  }

  @Test
  void rejectsDuplicateButtonTitlesNamingBothButtons() {
    List<RequestProblem> problems = limits.check(Bodies.replyButtons("Yes", "No", "Yes"));

    assertEquals(List.of("/interactive/action/buttons/2/reply/title"), pointers(problems));
    assertEquals("uniqueTitle", problems.get(0).keyword());
    assertTrue(problems.get(0).message().contains("interactive.action.buttons[0].reply.title"),
        problems.get(0).message());
  }

  @Test
  void rejectsDuplicateButtonIds() {
    ObjectNode message = Bodies.replyButtons(List.of("Yes", "No"), List.of("same", "same"));

    assertEquals(List.of("/interactive/action/buttons/1/reply/id"),
        pointers(limits.check(message)));
  }

  @Test
  void countsButtonTitlesInCodePointsSoTwentyEmojiFit() {
    String twenty = "😀".repeat(20);

    assertEquals(List.of(), limits.check(Bodies.replyButtons(twenty)));
    assertEquals(List.of("/interactive/action/buttons/0/reply/title"),
        pointers(limits.check(Bodies.replyButtons(twenty + "😀"))));
  }

  @Test
  void rejectsButtonIdLongerThan256() {
    ObjectNode message = Bodies.replyButtons(List.of("Yes"), List.of("x".repeat(257)));

    assertEquals(List.of("/interactive/action/buttons/0/reply/id"),
        pointers(limits.check(message)));
  }

  @Test
  void rejectsElevenRowsAcrossTwoSections() {
    List<RequestProblem> problems = limits.check(Bodies.list(6, 5));

    assertEquals(List.of("/interactive/action/sections"), pointers(problems));
    assertEquals("rowsAcrossSections", problems.get(0).keyword());
  }

  @Test
  void acceptsTenRowsAcrossTwoSections() {
    assertEquals(List.of(), limits.check(Bodies.list(6, 4)));
  }

  @Test
  void requiresSectionTitlesOnlyWhenThereAreSeveralSections() {
    ObjectNode one = Bodies.list(3);
    ((ObjectNode) one.at("/interactive/action/sections/0")).remove("title");
    ObjectNode two = Bodies.list(3, 3);
    ((ObjectNode) two.at("/interactive/action/sections/1")).remove("title");

    assertEquals(List.of(), limits.check(one));
    assertEquals(List.of("/interactive/action/sections/1/title"), pointers(limits.check(two)));
  }

  @Test
  void rejectsDuplicateRowIdsAcrossSections() {
    ObjectNode message = Bodies.list(2, 2);
    ((ObjectNode) message.at("/interactive/action/sections/1/rows/1")).put("id", "row0");

    assertEquals(List.of("/interactive/action/sections/1/rows/1/id"),
        pointers(limits.check(message)));
  }

  @Test
  void rejectsRowDescriptionLongerThan72() {
    ObjectNode message = Bodies.list(1);
    ((ObjectNode) message.at("/interactive/action/sections/0/rows/0"))
        .put("description", "d".repeat(73));

    assertEquals(List.of("/interactive/action/sections/0/rows/0/description"),
        pointers(limits.check(message)));
  }

  @Test
  void rejectsListButtonTextLongerThan20() {
    ObjectNode message = Bodies.list(1);
    ((ObjectNode) message.at("/interactive/action")).put("button", "b".repeat(21));

    assertEquals(List.of("/interactive/action/button"), pointers(limits.check(message)));
  }

  @Test
  void rejectsInteractiveBodyLongerThan1024() {
    ObjectNode message = Bodies.list(1);
    ((ObjectNode) message.at("/interactive/body")).put("text", "b".repeat(1025));

    assertEquals(List.of("/interactive/body/text"), pointers(limits.check(message)));
  }

  @Test
  void rejectsHeaderAndFooterLongerThan60() {
    ObjectNode message = Bodies.replyButtons("Yes");
    ObjectNode interactive = (ObjectNode) message.get("interactive");
    interactive.putObject("header").put("type", "text").put("text", "h".repeat(61));
    interactive.putObject("footer").put("text", "f".repeat(61));

    assertEquals(List.of("/interactive/header/text", "/interactive/footer/text"),
        pointers(limits.check(message)));
  }

  @Test
  void rejectsBlankText() {
    assertEquals(List.of("/text/body"), pointers(limits.check(Bodies.text("  "))));
  }

  @Test
  void rejectsTextLongerThan4096CodePoints() {
    assertEquals(List.of(), limits.check(Bodies.text("😀".repeat(4096))));
    assertEquals(List.of("/text/body"), pointers(limits.check(Bodies.text("😀".repeat(4097)))));
  }

  @Test
  void rejectsRecipientThatIsNotAPhoneNumber() {
    List<RequestProblem> problems = limits.check(Bodies.text("hi").put("to", "abc"));

    assertEquals(List.of("/to"), pointers(problems));
    assertEquals("phoneNumber", problems.get(0).keyword());
  }

  @Test
  void acceptsPhoneNumbersWithAndWithoutPlus() {
    assertEquals(List.of(), limits.check(Bodies.text("hi").put("to", "16505551234")));
    assertEquals(List.of(), limits.check(Bodies.text("hi").put("to", "+16505551234")));
    assertEquals(List.of("/to"), pointers(limits.check(Bodies.text("hi").put("to", "123456"))));
    assertEquals(List.of("/to"),
        pointers(limits.check(Bodies.text("hi").put("to", "1234567890123456"))));
  }

  @Test
  void acceptsGroupIdAsRecipientOfAGroupMessage() {
    ObjectNode message = Bodies.text("hi").put("recipient_type", "group").put("to", "Y2FwaV9n");

    assertEquals(List.of(), limits.check(message));
  }

  @Test
  void rejectsAudioLinkThatIsNotHttp() {
    assertEquals(List.of("/audio/link"),
        pointers(limits.check(Bodies.audioLink("ftp://example.com/a.ogg"))));
    assertEquals(List.of("/audio/link"), pointers(limits.check(Bodies.audioLink("a.ogg"))));
    assertEquals(List.of(), limits.check(Bodies.audioLink("https://example.com/a.ogg")));
  }

  @Test
  void leavesReadReceiptsAndNonObjectsToTheSchema() {
    assertEquals(List.of(), limits.check(Bodies.json(
        "{\"messaging_product\": \"whatsapp\", \"status\": \"read\", \"to\": \"abc\"}")));
    assertEquals(List.of(), limits.check(Bodies.json("{\"to\": 5, \"text\": {\"body\": 7}}")));
  }

  private static List<String> pointers(List<RequestProblem> problems) {
    return problems.stream().map(RequestProblem::pointer).collect(Collectors.toList());
  }
}
