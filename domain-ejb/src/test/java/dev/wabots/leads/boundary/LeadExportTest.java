package dev.wabots.leads.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wabots.leads.control.XlsxFile;
import dev.wabots.leads.control.XlsxFile.Cell;
import dev.wabots.leads.control.XlsxWriter;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The export's columns in both formats: the XLSX read back cell by cell, the CSV line by line. */
class LeadExportTest {

  static final Instant FIRST = Instant.parse("2026-12-01T09:15:30.123456789Z");
  static final Instant PAID = Instant.parse("2026-12-02T16:45:00.5Z");

  static LeadView lead(String name, String notes, boolean paid) {
    Map<String, Object> quiz = new LinkedHashMap<>(Map.of("tech", "business"));
    Map<String, Object> discovery = new LinkedHashMap<>();
    discovery.put("task", "=HYPERLINK(\"http://evil.example\")");
    discovery.put("volume", "vol_mid");
    discovery.put("integrations", List.of("int_bitrix", "int_1c"));
    Map<String, Object> quote = new LinkedHashMap<>();
    quote.put("low", 150_000L);
    quote.put("high", 210_000L);
    Map<String, Object> payment = new LinkedHashMap<>();
    payment.put("sum", 150_000L);
    payment.put("label", "flower-bot:79001110001");
    payment.put("paid_amount", paid ? "149000.50" : null);
    payment.put("paid_at", paid ? PAID.toString() : null);
    return new LeadView(17, "flower-bot", "Flower Bot", "79001110001", name, FIRST, FIRST.plusSeconds(600), "CUSTOM",
        null, "custom", null, "won", notes, null, quiz, discovery, Map.of(), Map.of(), quote, null, payment, null, paid);
  }

  @Test
  void theWorkbookHasTheCsvsColumnsWithTypedCells() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (XlsxWriter sheet = Leads.xlsx(out)) {
      sheet.row(LeadColumn.values(lead("@Анна \"Цветы\" <VIP>", "позвонить\u0007 в пн\r\n+7 999", true)));
      sheet.row(LeadColumn.values(lead(null, null, false)));
    }
    XlsxFile file = new XlsxFile(out.toByteArray());
    assertEquals(LeadColumn.titles(), file.rows.get(0).stream().map(Cell::value).toList());
    assertEquals(List.of("id", "bot", "phone", "name", "first_at", "last_at", "segment", "path", "stage", "status",
        "quiz_tech", "quiz_infra", "gpu", "task", "volume", "integrations", "timeline", "budget", "quote_low",
        "quote_high", "checkout_at", "payment_sum", "payment_label", "paid_amount", "paid_at", "notes"),
        LeadColumn.titles(), "the CSV's columns, in its order");

    assertEquals("17", cell(file, LeadColumn.ID, 2).value());
    assertEquals("", cell(file, LeadColumn.ID, 2).type(), "a number");
    Cell phone = cell(file, LeadColumn.PHONE, 2);
    assertEquals(List.of("inlineStr", "79001110001"), List.of(phone.type(), phone.value()), "digits kept as text");
    Cell name = cell(file, LeadColumn.NAME, 2);
    assertEquals(List.of("inlineStr", "@Анна \"Цветы\" <VIP>"), List.of(name.type(), name.value()));
    Cell task = cell(file, LeadColumn.TASK, 2);
    assertEquals("=HYPERLINK(\"http://evil.example\")", task.value());
    assertFalse(task.formula());
    assertEquals("позвонить в пн\r\n+7 999", cell(file, LeadColumn.NOTES, 2).value(), "the bell is gone");
    assertEquals("int_bitrix int_1c", cell(file, LeadColumn.INTEGRATIONS, 2).value());

    Cell first = cell(file, LeadColumn.FIRST_AT, 2);
    assertEquals(List.of("", 2), List.of(first.type(), first.style()), "a date");
    assertEquals(Instant.parse("2026-12-01T09:15:30Z"), instant(first.value()), "to the second, UTC");
    assertEquals(Instant.parse("2026-12-02T16:45:00Z"), instant(cell(file, LeadColumn.PAID_AT, 2).value()));
    for (LeadColumn money : List.of(LeadColumn.QUOTE_LOW, LeadColumn.QUOTE_HIGH, LeadColumn.PAYMENT_SUM)) {
      assertEquals("", cell(file, money, 2).type(), money + " is a number");
    }
    assertEquals(List.of("150000", "210000", "149000.50"), List.of(cell(file, LeadColumn.QUOTE_LOW, 2).value(),
        cell(file, LeadColumn.QUOTE_HIGH, 2).value(), cell(file, LeadColumn.PAID_AMOUNT, 2).value()));

    assertNull(cell(file, LeadColumn.NAME, 3), "no name: an empty cell");
    assertNull(cell(file, LeadColumn.PAID_AT, 3));
    assertNull(cell(file, LeadColumn.CHECKOUT_AT, 3));
  }

  @Test
  void theCsvWritesTheSameValuesAsTextDefused() {
    String row = Leads.csvRow(lead("@Анна; \"Цветы\"", null, true), ";");
    assertEquals("17;flower-bot;79001110001;\"'@Анна; \"\"Цветы\"\"\";2026-12-01T09:15:30Z;2026-12-01T09:25:30Z;"
        + "CUSTOM;custom;;won;business;;;\"'=HYPERLINK(\"\"http://evil.example\"\")\";vol_mid;int_bitrix int_1c;;;"
        + "150000;210000;;150000;flower-bot:79001110001;149000.50;2026-12-02T16:45:00Z;", row);
  }

  static Cell cell(XlsxFile file, LeadColumn column, int row) {
    return file.cell(XlsxWriter.column(column.ordinal()) + row);
  }

  static Instant instant(String serial) {
    double days = Double.parseDouble(serial);
    return Instant.ofEpochSecond(Math.round((days - 25_569) * 86_400));
  }
}
