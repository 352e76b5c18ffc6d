package dev.wabots.bot.requirements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class RequirementsPdfTest {

  private static final String ANSWERS = "Требования клиента:\nТип проекта: Telegram-бот\nОписание: Бот записи в салон\n"
      + "Контакт: +79001234567";

  private static String text(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc);
    }
  }

  @Test
  void cyrillicAnswersAndDocumentReadBackFromThePdfWithTheFontEmbedded() throws IOException {
    String document = "# Техническое задание\n*1. Описание проекта*\nБот записывает клиентов салона и напоминает о визите.\n"
        + "- Интеграция с **YCLIENTS**\n\nИтого: 2 спринта, 2 недели, 120 000 ₽";
    byte[] pdf = RequirementsPdf.build("Техническое задание", ANSWERS, document);

    assertTrue(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1).startsWith("%PDF-"));
    String text = text(pdf);
    for (String expected : List.of("Техническое задание", "Тип проекта: Telegram-бот", "Описание: Бот записи в салон",
        "1. Описание проекта", "Бот записывает клиентов салона и напоминает о визите.", "• Интеграция с YCLIENTS",
        "Итого: 2 спринта, 2 недели, 120 000 ₽")) {
      assertTrue(text.contains(expected), "'" + expected + "' in:\n" + text);
    }
    assertFalse(text.contains("**") || text.contains("# "), "emphasis markers are dropped:\n" + text);
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertEquals("Техническое задание", doc.getDocumentInformation().getTitle());
      List<PDFont> fonts = new ArrayList<>();
      for (var name : doc.getPage(0).getResources().getFontNames()) {
        fonts.add(doc.getPage(0).getResources().getFont(name));
      }
      assertFalse(fonts.isEmpty());
      for (PDFont font : fonts) {
        assertTrue(font.isEmbedded(), font.getName() + " is embedded");
        assertTrue(font.getName().contains("DejaVuSans"), font.getName());
      }
    }
  }

  @Test
  void aLongDocumentWrapsOntoMorePagesAndCharactersTheFontLacksAreLeftOut() throws IOException {
    StringBuilder document = new StringBuilder();
    for (int i = 1; i <= 120; i++) {
      document.append("Задача ").append(i).append(": настроить интеграцию с CRM и проверить сценарии записи клиентов, ")
          .append("отчёты и уведомления 🚀 без ошибок\n");
    }
    document.append("Сверхдлинноеслово".repeat(20)).append('\n').append("Конец документа");
    byte[] pdf = RequirementsPdf.build("ТЗ", ANSWERS, document.toString());
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertTrue(doc.getNumberOfPages() >= 3, "pages: " + doc.getNumberOfPages());
    }
    String text = text(pdf);
    assertTrue(text.contains("Задача 120: настроить интеграцию"), text);
    assertTrue(text.contains("Конец документа"), "the last line is on the last page");
    assertFalse(text.contains("🚀"), "no glyph for emoji in the font: left out, not a failure");
  }
}
