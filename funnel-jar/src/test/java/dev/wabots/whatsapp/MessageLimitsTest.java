package dev.wabots.whatsapp;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageLimitsTest {
  /** U+1F600, two UTF-16 units, one character for a person. */
  private static final String EMOJI = "😀";

  @Test
  void anEmojiOfTwoUtf16UnitsCountsAsOneCharacter() {
    assertEquals(2, EMOJI.length());
    assertEquals(1, CloudApiLimits.length(EMOJI));
  }

  @Test
  void acceptsButtonTitleOf20Emoji() {
    String title = EMOJI.repeat(20);
    assertEquals(40, title.length());
    assertDoesNotThrow(() -> ReplyButton.of("sales:x", title));
  }

  @Test
  void rejectsButtonTitleLongerThan20CodePoints() {
    LimitViolationException e =
        assertThrows(LimitViolationException.class, () -> ReplyButton.of("sales:x", EMOJI.repeat(21)));
    assertEquals("interactive.action.buttons[].reply.title", e.field());
    assertEquals("at most 20 characters", e.limit());
    assertEquals(EMOJI.repeat(21), e.value());
    assertTrue(e.getMessage().contains("21 characters"), e.getMessage());
  }

  @Test
  void rejectsBlankButtonTitle() {
    assertThrows(LimitViolationException.class, () -> ReplyButton.of("sales:x", "  "));
  }

  @Test
  void acceptsTextOf4096EmojiAndRejects4097() {
    assertDoesNotThrow(() -> TextMessage.of(EMOJI.repeat(4096)));
    LimitViolationException e =
        assertThrows(LimitViolationException.class, () -> TextMessage.of(EMOJI.repeat(4097)));
    assertEquals("text.body", e.field());
  }

  @Test
  void rejectsEmptyText() {
    assertThrows(LimitViolationException.class, () -> TextMessage.of(""));
  }

  @Test
  void rejectsInteractiveBodyLongerThan1024() {
    List<ReplyButton> one = List.of(ReplyButton.of("a:b", "OK"));
    assertDoesNotThrow(() -> ReplyButtonsMessage.of("ж".repeat(1024), one));
    LimitViolationException e =
        assertThrows(LimitViolationException.class, () -> ReplyButtonsMessage.of("ж".repeat(1025), one));
    assertEquals("interactive.body.text", e.field());
  }

  @Test
  void rejectsHeaderAndFooterLongerThan60() {
    List<ReplyButton> one = List.of(ReplyButton.of("a:b", "OK"));
    assertEquals(
        "interactive.header.text",
        assertThrows(LimitViolationException.class,
            () -> new ReplyButtonsMessage(EMOJI.repeat(61), "body", null, one)).field());
    assertEquals(
        "interactive.footer.text",
        assertThrows(LimitViolationException.class,
            () -> new ReplyButtonsMessage(null, "body", EMOJI.repeat(61), one)).field());
    assertDoesNotThrow(() -> new ReplyButtonsMessage(EMOJI.repeat(60), "body", EMOJI.repeat(60), one));
  }

  @Test
  void acceptsOneToThreeButtonsOnly() {
    assertThrows(LimitViolationException.class, () -> ReplyButtonsMessage.of("b", List.of()));
    List<ReplyButton> four = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      four.add(ReplyButton.of("a:" + i, "T" + i));
    }
    LimitViolationException e =
        assertThrows(LimitViolationException.class, () -> ReplyButtonsMessage.of("b", four));
    assertEquals("interactive.action.buttons", e.field());
    assertDoesNotThrow(() -> ReplyButtonsMessage.of("b", four.subList(0, 3)));
  }

  @Test
  void rejectsDuplicateButtonTitlesAndIds() {
    assertThrows(LimitViolationException.class,
        () -> ReplyButtonsMessage.of("b", List.of(ReplyButton.of("a:1", "Same"), ReplyButton.of("a:2", "Same"))));
    assertThrows(LimitViolationException.class,
        () -> ReplyButtonsMessage.of("b", List.of(ReplyButton.of("a:1", "One"), ReplyButton.of("a:1", "Two"))));
  }

  @Test
  void rejectsReplyIdLongerThan256() {
    assertDoesNotThrow(() -> ReplyId.of("x".repeat(256)));
    assertThrows(LimitViolationException.class, () -> ReplyId.of("x".repeat(257)));
  }

  @Test
  void rejectsRowTitleOver24DescriptionOver72AndIdOver200() {
    assertDoesNotThrow(() -> ListRow.of("i".repeat(200), EMOJI.repeat(24), EMOJI.repeat(72)));
    assertTrue(assertThrows(LimitViolationException.class, () -> ListRow.of("a:b", EMOJI.repeat(25)))
        .field().endsWith("rows[].title"));
    assertTrue(assertThrows(LimitViolationException.class, () -> ListRow.of("a:b", "t", EMOJI.repeat(73)))
        .field().endsWith("rows[].description"));
    assertTrue(assertThrows(LimitViolationException.class, () -> ListRow.of("i".repeat(201), "t"))
        .field().endsWith("rows[].id"));
  }

  @Test
  void rejectsMoreThanTenRowsAcrossSections() {
    List<ListRow> six = rows("a", 6);
    List<ListRow> five = rows("b", 5);
    LimitViolationException e =
        assertThrows(LimitViolationException.class,
            () -> new ListMessage(null, "body", null, "Open",
                List.of(new ListSection("One", six), new ListSection("Two", five))));
    assertTrue(e.limit().contains("10 rows across all sections"), e.limit());
    assertDoesNotThrow(() -> new ListMessage(null, "body", null, "Open",
        List.of(new ListSection("One", six), new ListSection("Two", rows("b", 4)))));
  }

  @Test
  void requiresSectionTitlesWhenTheListHasSeveralSections() {
    LimitViolationException e =
        assertThrows(LimitViolationException.class,
            () -> new ListMessage(null, "body", null, "Open",
                List.of(new ListSection(null, rows("a", 1)), new ListSection("Two", rows("b", 1)))));
    assertEquals("interactive.action.sections[0].title", e.field());
    assertDoesNotThrow(() -> ListMessage.of("body", "Open", rows("a", 2)));
  }

  @Test
  void rejectsSectionTitleOver24AndListButtonOver20() {
    assertThrows(LimitViolationException.class, () -> new ListSection(EMOJI.repeat(25), rows("a", 1)));
    LimitViolationException e =
        assertThrows(LimitViolationException.class, () -> ListMessage.of("body", EMOJI.repeat(21), rows("a", 1)));
    assertEquals("interactive.action.button", e.field());
  }

  @Test
  void rejectsDuplicateRowIdsAcrossSections() {
    assertThrows(LimitViolationException.class,
        () -> new ListMessage(null, "body", null, "Open",
            List.of(new ListSection("One", rows("a", 1)), new ListSection("Two", rows("a", 1)))));
  }

  @Test
  void audioNeedsExactlyOneOfIdAndHttpLink() {
    assertThrows(LimitViolationException.class, () -> new AudioMessage("1", "https://x.example/a.ogg", false));
    assertThrows(LimitViolationException.class, () -> new AudioMessage(null, null, false));
    assertEquals("audio.link",
        assertThrows(LimitViolationException.class, () -> AudioMessage.ofLink("ftp://x.example/a.ogg", true)).field());
    assertDoesNotThrow(() -> AudioMessage.ofLink("https://x.example/a.ogg", true));
  }

  @Test
  void templateButtonIndexIsZeroToNine() {
    assertThrows(LimitViolationException.class, () -> new TemplateComponent.Button("quick_reply", 10, List.of()));
    assertThrows(LimitViolationException.class, () -> new TemplateMessage(" ", "ru", List.of()));
  }

  @Test
  void phoneNumbersAreNormalisedAndValidated() {
    assertEquals("19835552319", PhoneNumber.parse("+1 (983) 555-2319").digits());
    assertThrows(IllegalArgumentException.class, () -> new PhoneNumber("+79001234567"));
    assertThrows(IllegalArgumentException.class, () -> new PhoneNumber("12345"));
    assertThrows(IllegalArgumentException.class, () -> new PhoneNumber("1234567890123456"));
  }

  @Test
  void replyIdSplitsIntoPrefixAndAction() {
    ReplyId id = ReplyId.of("sales:ci_int_none");
    assertEquals("sales", id.prefix().orElseThrow());
    assertEquals("ci_int_none", id.action());
    assertTrue(ReplyId.of("cancel-button").prefix().isEmpty());
  }

  private static List<ListRow> rows(String prefix, int count) {
    List<ListRow> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(ListRow.of(prefix + ":" + i, "Row " + i));
    }
    return rows;
  }

  @Test
  void documentNeedsOneSourceAFileNameAndACaptionWithinTheLimit() {
    assertThrows(LimitViolationException.class, () -> new DocumentMessage(null, null, "tz.pdf", null));
    assertEquals("document.filename",
        assertThrows(LimitViolationException.class, () -> DocumentMessage.ofMediaId("1", " ", null)).field());
    assertEquals("document.caption", assertThrows(LimitViolationException.class,
        () -> DocumentMessage.ofMediaId("1", "tz.pdf", "я".repeat(CloudApiLimits.MEDIA_CAPTION + 1))).field());
    assertDoesNotThrow(() -> DocumentMessage.ofMediaId("1", "ТЗ.pdf", "я".repeat(CloudApiLimits.MEDIA_CAPTION)));
  }
}
