package dev.wabots.bot.requirements;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The requirements document ("ТЗ") as an A4 PDF: a title, the customer's answers, then the AI's
 * text — wrapped to the page, on as many pages as it takes. WhatsApp and Markdown emphasis
 * ({@code *bold*}, {@code **bold**}, {@code # heading}) becomes bold lines; characters the font
 * lacks (emoji) are left out.
 *
 * <p>The font is DejaVu Sans (Bitstream Vera licence, DejaVu-LICENSE.txt next to it), embedded as
 * a subset: Cyrillic shows on every reader, none needs fonts of its own.
 */
public final class RequirementsPdf {

  private static final String REGULAR = "DejaVuSans.ttf";
  private static final String BOLD = "DejaVuSans-Bold.ttf";
  private static final float MARGIN = 56;
  private static final float TITLE_SIZE = 16;
  private static final float HEADING_SIZE = 12;
  private static final float TEXT_SIZE = 10.5f;
  private static final float LEADING = 1.4f;

  private RequirementsPdf() {}

  /**
   * The PDF's bytes.
   *
   * @param title the document's title (first line, and the PDF's title)
   * @param answers the customer's answers, one {@code label: value} per line
   * @param document the AI's text
   */
  public static byte[] build(String title, String answers, String document) {
    try (PDDocument pdf = new PDDocument()) {
      PDType0Font regular = font(pdf, REGULAR);
      PDType0Font bold = font(pdf, BOLD);
      PDDocumentInformation info = pdf.getDocumentInformation();
      info.setTitle(title);
      info.setCreator("wabots");
      try (Writer out = new Writer(pdf, regular, bold)) {
        out.paragraph(title, bold, TITLE_SIZE);
        out.space(TEXT_SIZE);
        for (String line : answers.strip().split("\\R")) {
          out.paragraph(line, regular, TEXT_SIZE);
        }
        out.space(TEXT_SIZE);
        out.rule();
        out.space(TEXT_SIZE / 2);
        for (String line : document.strip().split("\\R")) {
          out.line(line);
        }
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      pdf.save(bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("the requirements PDF could not be written", e);
    }
  }

  private static PDType0Font font(PDDocument pdf, String name) throws IOException {
    try (InputStream in = RequirementsPdf.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("font " + name + " is missing from the bot");
      }
      return PDType0Font.load(pdf, in, true);
    }
  }

  /** Writes lines top to bottom, starting a new page when one is full. */
  private static final class Writer implements AutoCloseable {
    private final PDDocument pdf;
    private final PDType0Font regular;
    private final PDType0Font bold;
    /** Whether each code point can be written, per font (emoji and the like cannot). */
    private final Map<PDType0Font, Map<Integer, Boolean>> glyphs = new HashMap<>();
    private final float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private PDPageContentStream page;
    private float y;

    Writer(PDDocument pdf, PDType0Font regular, PDType0Font bold) throws IOException {
      this.pdf = pdf;
      this.regular = regular;
      this.bold = bold;
      newPage();
    }

    /** One line of the AI's text: a heading, a bullet or plain text, with emphasis markers dropped. */
    void line(String raw) throws IOException {
      String text = raw.strip();
      if (text.isEmpty()) {
        space(TEXT_SIZE * 0.6f);
        return;
      }
      if (text.matches("^-{3,}$|^_{3,}$|^\\*{3,}$")) {
        rule();
        return;
      }
      boolean heading = false;
      if (text.startsWith("#")) {
        text = text.replaceFirst("^#+\\s*", "");
        heading = true;
      }
      String unstarred = text.replaceAll("^\\*+|\\*+$", "").strip();
      if (!unstarred.isEmpty() && text.startsWith("*") && text.endsWith("*") && !unstarred.contains("*")) {
        text = unstarred;
        heading = true;
      }
      text = text.replaceFirst("^[-*•]\\s+", "• ");
      text = text.replaceAll("\\*{1,2}([^*\\n]+)\\*{1,2}", "$1").replaceAll("(?<![\\p{L}\\d])_([^_\\n]+)_(?![\\p{L}\\d])", "$1")
          .replace("`", "");
      if (heading) {
        space(TEXT_SIZE * 0.4f);
        paragraph(text, bold, HEADING_SIZE);
      } else {
        paragraph(text, regular, TEXT_SIZE);
      }
    }

    /** A paragraph wrapped to the page width; a bullet's continuation lines are indented. */
    void paragraph(String text, PDType0Font font, float size) throws IOException {
      String printable = printable(text, font);
      float indent = printable.startsWith("• ") ? width(font, size, "• ") : 0;
      List<String> lines = wrap(printable, font, size, indent);
      for (int i = 0; i < lines.size(); i++) {
        write(lines.get(i), font, size, i == 0 ? 0 : indent);
      }
    }

    void space(float points) {
      y -= points;
    }

    /** A thin line across the page. */
    void rule() throws IOException {
      room(TEXT_SIZE);
      page.setLineWidth(0.5f);
      page.moveTo(MARGIN, y);
      page.lineTo(MARGIN + width, y);
      page.stroke();
      y -= TEXT_SIZE * 0.6f;
    }

    private void write(String text, PDType0Font font, float size, float indent) throws IOException {
      room(size * LEADING);
      y -= size * LEADING;
      if (text.isEmpty()) {
        return;
      }
      page.beginText();
      page.setFont(font, size);
      page.newLineAtOffset(MARGIN + indent, y);
      page.showText(text);
      page.endText();
    }

    private void room(float needed) throws IOException {
      if (y - needed < MARGIN) {
        newPage();
      }
    }

    private void newPage() throws IOException {
      if (page != null) {
        page.close();
      }
      PDPage next = new PDPage(PDRectangle.A4);
      pdf.addPage(next);
      page = new PDPageContentStream(pdf, next);
      y = PDRectangle.A4.getHeight() - MARGIN;
    }

    /** Lines of at most the page width (less {@code indent} after the first); a long word is cut. */
    private List<String> wrap(String text, PDType0Font font, float size, float indent) throws IOException {
      List<String> lines = new ArrayList<>();
      StringBuilder current = new StringBuilder();
      for (String word : text.split(" +")) {
        float room = width - (lines.isEmpty() ? 0 : indent);
        String candidate = current.isEmpty() ? word : current + " " + word;
        if (width(font, size, candidate) <= room) {
          current.setLength(0);
          current.append(candidate);
          continue;
        }
        if (!current.isEmpty()) {
          lines.add(current.toString());
          current.setLength(0);
          room = width - indent;
        }
        String rest = word;
        while (width(font, size, rest) > room) {
          int cut = rest.length() - 1;
          while (cut > 1 && width(font, size, rest.substring(0, cut)) > room) {
            cut--;
          }
          lines.add(rest.substring(0, cut));
          rest = rest.substring(cut);
          room = width - indent;
        }
        current.append(rest);
      }
      lines.add(current.toString());
      return lines;
    }

    private static float width(PDType0Font font, float size, String text) throws IOException {
      return font.getStringWidth(text) / 1000 * size;
    }

    /** The text without control characters and without what the font cannot show. */
    private String printable(String text, PDType0Font font) {
      Map<Integer, Boolean> known = glyphs.computeIfAbsent(font, f -> new HashMap<>());
      StringBuilder out = new StringBuilder(text.length());
      text.codePoints().forEach(cp -> {
        if (cp == '\t') {
          out.append(' ');
          return;
        }
        if (Character.isISOControl(cp)) {
          return;
        }
        if (known.computeIfAbsent(cp, c -> encodable(font, c))) {
          out.appendCodePoint(cp);
        }
      });
      return out.toString().replaceAll(" {2,}", " ").strip();
    }

    private static boolean encodable(PDType0Font font, int codePoint) {
      try {
        font.encode(new String(Character.toChars(codePoint)));
        return font.getStringWidth(new String(Character.toChars(codePoint))) >= 0;
      } catch (IOException | IllegalArgumentException e) {
        return false;
      }
    }

    @Override
    public void close() throws IOException {
      page.close();
    }
  }
}
