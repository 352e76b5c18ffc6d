package dev.wabots.leads.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.leads.control.XlsxFile.Cell;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class XlsxWriterTest {

  static byte[] workbook(List<String> headers, List<?>... rows) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (XlsxWriter sheet = new XlsxWriter(out, "leads", headers, headers.stream().map(h -> 12).toList())) {
      for (List<?> row : rows) {
        sheet.row(row);
      }
    }
    return out.toByteArray();
  }

  @Test
  void numbersAreNumbersAndInstantsAreDatesInUtc() throws Exception {
    Instant paid = Instant.parse("2026-12-03T10:30:15Z");
    XlsxFile file = new XlsxFile(workbook(List.of("id", "sum", "amount", "at", "epoch", "noon"),
        List.of(42L, 150_000, new BigDecimal("149000.50"), paid, Instant.EPOCH, Instant.parse("2000-01-01T12:00:00Z"))));
    assertEquals(new Cell("A2", "", 0, "42", false), file.cell("A2"));
    assertEquals(new Cell("B2", "", 0, "150000", false), file.cell("B2"));
    assertEquals(new Cell("C2", "", 0, "149000.50", false), file.cell("C2"));
    Cell at = file.cell("D2");
    assertEquals("", at.type(), "a date is a number");
    assertEquals(XlsxWriter.DATE_TIME, at.style());
    double serial = Double.parseDouble(at.value());
    assertEquals(paid.getEpochSecond(), Math.round((serial - 25_569) * 86_400), at.value());
    assertEquals("25569", file.cell("E2").value(), "Excel's serial of 1970-01-01");
    assertEquals("36526.5", file.cell("F2").value(), "Excel's serial of 2000-01-01 12:00");
    Element dateFormat = file.styles("numFmt");
    assertEquals("164", dateFormat.getAttribute("numFmtId"));
    assertTrue(dateFormat.getAttribute("formatCode").startsWith("yyyy\\-mm\\-dd\\ hh:mm:ss"), dateFormat.getAttribute("formatCode"));
    Element dateStyle = (Element) file.styles("cellXfs").getElementsByTagNameNS("*", "xf").item(XlsxWriter.DATE_TIME);
    assertEquals("164", dateStyle.getAttribute("numFmtId"));
  }

  @Test
  void aDateSerialIsTheDaysSinceExcelsDayZeroToTenPlaces() {
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 10_000; i++) {
      Instant at = Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L)); // 1970 … 2100
      BigDecimal expected = BigDecimal.valueOf(at.getEpochSecond()).divide(BigDecimal.valueOf(86_400), 10,
          java.math.RoundingMode.HALF_UP).add(BigDecimal.valueOf(25_569));
      assertEquals(0, expected.compareTo(new BigDecimal(XlsxWriter.serial(at))), at + " → " + XlsxWriter.serial(at));
    }
    assertEquals("46359.4376736111", XlsxWriter.serial(Instant.parse("2026-12-03T10:30:15Z")));
    assertEquals("46359", XlsxWriter.serial(Instant.parse("2026-12-03T00:00:00Z")));
    assertEquals("46359.5", XlsxWriter.serial(Instant.parse("2026-12-03T12:00:00Z")));
  }

  @Test
  void textThatLooksLikeAFormulaStaysTextAndIsMarkedToStayTextWhenEdited() throws Exception {
    List<String> risky = List.of("=HYPERLINK(\"http://evil.example\",\"click\")", "+79001110001", "-2+3",
        "@SUM(A1:A9)", "=cmd|' /C calc'!A0");
    XlsxFile file = new XlsxFile(workbook(List.of("a", "b", "c", "d", "e"), risky));
    for (int i = 0; i < risky.size(); i++) {
      Cell cell = file.cell(XlsxWriter.column(i) + "2");
      assertEquals("inlineStr", cell.type(), cell.toString());
      assertFalse(cell.formula(), cell.toString());
      assertEquals(risky.get(i), cell.value(), "kept as written, no quote added");
      assertEquals(XlsxWriter.TEXT, cell.style());
    }
    Element text = (Element) file.styles("cellXfs").getElementsByTagNameNS("*", "xf").item(XlsxWriter.TEXT);
    assertEquals("1", text.getAttribute("quotePrefix"));
    assertEquals("49", text.getAttribute("numFmtId"), "the text format '@'");
    assertEquals(0, file.parts.get("xl/worksheets/sheet1.xml").getElementsByTagNameNS("*", "f").getLength());
  }

  @Test
  void markupIsEscapedAndCharactersXmlCannotCarryAreDropped() throws Exception {
    String markup = "<b>Tom & \"Jerry\"</b> ]]> 'x' &amp;";
    String controls = "a\u0000b\u0007c\u001Fd\u000Be\u000Cf\tg\nh\r\ni";
    String surrogates = "\uD800lone \uDC00pair 😀 \uFFFE\uFFFF end";
    XlsxFile file = new XlsxFile(workbook(List.of("markup", "controls", "surrogates", "cyrillic"),
        List.of(markup, controls, surrogates, "Анна; «Цветы»  ")));
    assertEquals(markup, file.cell("A2").value());
    assertEquals("abcdef\tg\nh\r\ni", file.cell("B2").value(), "tab, line feed and carriage return stay");
    assertEquals("lone pair 😀  end", file.cell("C2").value());
    assertEquals("Анна; «Цветы»  ", file.cell("D2").value(), "trailing spaces preserved");
  }

  @Test
  void textIsCutAtExcelsLimitWithoutSplittingACharacter() {
    assertEquals(XlsxWriter.MAX_TEXT, XlsxWriter.text("a".repeat(40_000)).length());
    String straddling = "a".repeat(XlsxWriter.MAX_TEXT - 1) + "😀tail";
    String cut = XlsxWriter.text(straddling);
    assertEquals(XlsxWriter.MAX_TEXT - 1, cut.length());
    assertFalse(Character.isHighSurrogate(cut.charAt(cut.length() - 1)));
    assertEquals("plain", XlsxWriter.text("plain"));
  }

  @Test
  void nothingAndEmptyTextAreEmptyCellsAndShortRowsEndEarly() throws Exception {
    XlsxFile file = new XlsxFile(workbook(List.of("a", "b", "c", "d"), Arrays.asList("x", null, "", 7L),
        List.of("only")));
    assertEquals(List.of("A2", "D2"), file.rows.get(1).stream().map(Cell::ref).toList());
    assertNull(file.cell("B2"));
    assertEquals(List.of("A3"), file.rows.get(2).stream().map(Cell::ref).toList());
  }

  @Test
  void theHeaderIsBoldFrozenAndFilteredOverEveryRow() throws Exception {
    XlsxFile file = new XlsxFile(workbook(List.of("id", "name", "notes"), List.of(1L, "A", "n"), List.of(2L, "B", "m")));
    assertEquals(List.of("id", "name", "notes"), file.rows.get(0).stream().map(Cell::value).toList());
    file.rows.get(0).forEach(c -> assertEquals(XlsxWriter.HEADER, c.style(), c.toString()));
    Element header = (Element) file.styles("cellXfs").getElementsByTagNameNS("*", "xf").item(XlsxWriter.HEADER);
    Element bold = (Element) file.styles("fonts").getElementsByTagNameNS("*", "font")
        .item(Integer.parseInt(header.getAttribute("fontId")));
    assertEquals(1, bold.getElementsByTagNameNS("*", "b").getLength());
    var sheet = file.parts.get("xl/worksheets/sheet1.xml");
    assertEquals("frozen", ((Element) sheet.getElementsByTagNameNS("*", "pane").item(0)).getAttribute("state"));
    assertEquals("A1:C3", ((Element) sheet.getElementsByTagNameNS("*", "autoFilter").item(0)).getAttribute("ref"));
    assertEquals("'leads'!$A$1:$C$3", file.parts.get("xl/workbook.xml").getElementsByTagNameNS("*", "definedName")
        .item(0).getTextContent());
    assertEquals(3, sheet.getElementsByTagNameNS("*", "col").getLength());
  }

  @Test
  void theWorkbookIsAPackageExcelCanOpen() throws Exception {
    XlsxFile file = new XlsxFile(workbook(List.of("a"), List.of("x")));
    assertEquals(List.of("[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
        "xl/worksheets/sheet1.xml", "xl/workbook.xml"), new ArrayList<>(file.parts.keySet()));
    var overrides = file.parts.get("[Content_Types].xml").getElementsByTagNameNS("*", "Override");
    List<String> declared = new ArrayList<>();
    for (int i = 0; i < overrides.getLength(); i++) {
      declared.add(((Element) overrides.item(i)).getAttribute("PartName"));
    }
    assertEquals(List.of("/xl/workbook.xml", "/xl/worksheets/sheet1.xml", "/xl/styles.xml"), declared);
    assertEquals("leads", ((Element) file.parts.get("xl/workbook.xml").getElementsByTagNameNS("*", "sheet").item(0))
        .getAttribute("name"));
  }

  @Test
  void rowsLeaveAsTheyAreWrittenNotAtTheEnd() throws IOException {
    long[] received = {0};
    OutputStream counting = new OutputStream() {
      @Override
      public void write(int b) {
        received[0]++;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        received[0] += len;
      }
    };
    try (XlsxWriter sheet = new XlsxWriter(counting, "leads", List.of("id", "text"), List.of(8, 30))) {
      for (long i = 0; i < 20_000; i++) {
        sheet.row(List.of(i, "Задача номер " + i + " с <разметкой> & текстом"));
      }
      assertTrue(received[0] > 200_000, "already sent before the end: " + received[0] + " bytes");
      assertEquals(20_001, sheet.rows());
    }
  }

  @Test
  void refusesWhatWouldMakeABrokenWorkbook() throws IOException {
    OutputStream out = new ByteArrayOutputStream();
    assertThrows(IllegalArgumentException.class, () -> new XlsxWriter(out, "a/b", List.of("x"), List.of(1)));
    assertThrows(IllegalArgumentException.class, () -> new XlsxWriter(out, "x".repeat(32), List.of("x"), List.of(1)));
    assertThrows(IllegalArgumentException.class, () -> new XlsxWriter(out, "leads", List.of("x", "y"), List.of(1)));
    XlsxWriter sheet = new XlsxWriter(new ByteArrayOutputStream(), "leads", List.of("x"), List.of(1));
    assertThrows(IllegalArgumentException.class, () -> sheet.row(List.of(1, 2)));
    sheet.close();
    assertThrows(IllegalStateException.class, () -> sheet.row(List.of(1)));
  }

  @Test
  void columnsAreLetteredAsExcelDoes() {
    assertEquals(List.of("A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"),
        List.of(0, 25, 26, 51, 52, 701, 702).stream().map(XlsxWriter::column).toList());
  }
}
