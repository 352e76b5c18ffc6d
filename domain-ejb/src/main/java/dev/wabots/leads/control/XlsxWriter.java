package dev.wabots.leads.control;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a workbook of one sheet in the Office Open XML format (.xlsx, SpreadsheetML) straight to a
 * stream, a row at a time: only the row being written is held, so a sheet of 50 000 rows costs no
 * more memory than one of ten. Its own few lines of XML rather than a spreadsheet library: a
 * streaming writer of one sheet is all the export needs; Apache POI's SXSSF would bring megabytes
 * of dependencies for it, and a smaller writer (fastexcel) would still be one more to keep up.
 *
 * <p>Cells are typed by their Java value: integers and {@link BigDecimal}s as numbers, {@link
 * Instant}s as dates (UTC, shown {@code yyyy-mm-dd hh:mm:ss UTC}), {@code null} as an empty cell,
 * anything else as text. Text is always an inline string in the text format — never a formula, even
 * when it starts with {@code =}, {@code +}, {@code -} or {@code @}, and marked so that Excel keeps
 * it text when the cell is edited; characters XML cannot carry are dropped and it is cut at Excel's
 * 32 767 characters. The header row is bold, frozen and carries an auto-filter.
 */
public final class XlsxWriter implements Closeable {

  public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  /** Excel's limit on a cell's text. */
  static final int MAX_TEXT = 32_767;

  /** Excel's day 0 (1899-12-30) as days before 1970-01-01: serial 25 569 is 1970-01-01. */
  static final long EPOCH_SERIAL = 25_569;

  // Indexes into cellXfs of styles.xml.
  static final int HEADER = 1;
  static final int DATE_TIME = 2;
  static final int TEXT = 3;

  private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  private static final String REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  private static final String XML_HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

  private final ZipOutputStream zip;
  private final Writer xml;
  private final String sheetName;
  private final int columns;
  /** The columns' letters, worked out once: every cell names its column. */
  private final String[] letters;
  private int rows;
  private boolean closed;

  /**
   * Starts the workbook and writes the header row.
   *
   * @param sheetName the sheet's name (at most 31 characters, none of {@code []:*?/\})
   * @param headers the columns' titles
   * @param widths each column's width in characters, as many as the headers
   */
  public XlsxWriter(OutputStream out, String sheetName, List<String> headers, List<Integer> widths) throws IOException {
    if (headers.isEmpty() || headers.size() != widths.size()) {
      throw new IllegalArgumentException("one width per column, at least one column");
    }
    if (sheetName.isEmpty() || sheetName.length() > 31 || sheetName.matches(".*[\\[\\]:*?/\\\\].*")) {
      throw new IllegalArgumentException("not a sheet name Excel accepts: " + sheetName);
    }
    this.sheetName = sheetName;
    this.columns = headers.size();
    letters = new String[columns];
    for (int c = 0; c < columns; c++) {
      letters[c] = column(c);
    }
    zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
    // Speed over size: the sheet is regular XML that compresses well even at the fastest level.
    zip.setLevel(Deflater.BEST_SPEED);
    xml = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8), 1 << 16);
    entry("[Content_Types].xml", XML_HEAD
        + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        + "<Override PartName=\"/xl/workbook.xml\""
        + " ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        + "<Override PartName=\"/xl/worksheets/sheet1.xml\""
        + " ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        + "<Override PartName=\"/xl/styles.xml\""
        + " ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        + "</Types>");
    entry("_rels/.rels", XML_HEAD
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"" + REL + "/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "</Relationships>");
    entry("xl/_rels/workbook.xml.rels", XML_HEAD
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"" + REL + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"" + REL + "/styles\" Target=\"styles.xml\"/>"
        + "</Relationships>");
    entry("xl/styles.xml", XML_HEAD + "<styleSheet xmlns=\"" + MAIN + "\">"
        + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd\\ hh:mm:ss&quot; UTC&quot;\"/>"
        + "</numFmts>"
        + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
        + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
        + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"4\">"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"49\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
        + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        // "@" (text) with the quote prefix: an edited cell stays text, "=1+1" does not become a formula.
        + "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\""
        + " quotePrefix=\"1\"/>"
        + "</cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>");
    zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
    xml.write(XML_HEAD);
    xml.write("<worksheet xmlns=\"" + MAIN + "\"><sheetViews><sheetView workbookViewId=\"0\">"
        + "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        + "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
        + "<sheetFormatPr defaultRowHeight=\"15\"/><cols>");
    for (int c = 0; c < columns; c++) {
      int width = Math.max(1, Math.min(255, widths.get(c)));
      xml.write("<col min=\"" + (c + 1) + "\" max=\"" + (c + 1) + "\" width=\"" + width + "\" customWidth=\"1\"/>");
    }
    xml.write("</cols><sheetData>");
    write(headers, HEADER);
  }

  /** One row: each value typed as the class describes; fewer values than columns leave the rest empty. */
  public void row(List<?> values) throws IOException {
    if (values.size() > columns) {
      throw new IllegalArgumentException(values.size() + " values for " + columns + " columns");
    }
    write(values, TEXT);
  }

  /** Rows written so far, the header among them. */
  public int rows() {
    return rows;
  }

  private void write(List<?> values, int textStyle) throws IOException {
    if (closed) {
      throw new IllegalStateException("the workbook is finished");
    }
    String r = Integer.toString(++rows);
    xml.write("<row r=\"");
    xml.write(r);
    xml.write("\">");
    for (int c = 0; c < values.size(); c++) {
      cell(letters[c], r, values.get(c), textStyle);
    }
    xml.write("</row>\n");
  }

  private void cell(String letter, String row, Object value, int textStyle) throws IOException {
    if (value == null) {
      return;
    }
    String number = number(value);
    String text = null;
    if (number == null && !(value instanceof Instant)) {
      text = text(String.valueOf(value));
      if (text.isEmpty()) {
        return;
      }
    }
    xml.write("<c r=\"");
    xml.write(letter);
    xml.write(row);
    if (number != null) {
      xml.write("\"><v>");
      xml.write(number);
      xml.write("</v></c>");
    } else if (value instanceof Instant at) {
      xml.write("\" s=\"" + DATE_TIME + "\"><v>");
      xml.write(serial(at));
      xml.write("</v></c>");
    } else {
      xml.write(textStyle == TEXT ? "\" s=\"" + TEXT + "\"" : "\" s=\"" + HEADER + "\"");
      xml.write(" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
      escape(text);
      xml.write("</t></is></c>");
    }
  }

  /** The value as an XML number when it is one Excel can hold; else null. */
  static String number(Object value) {
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
        || value instanceof BigInteger) {
      return value.toString();
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
      return value.toString();
    }
    return null;
  }

  /** Excel's serial date-time of an instant, in UTC, to the second: days and ten places of the day. */
  static String serial(Instant at) {
    long seconds = at.getEpochSecond();
    long days = Math.floorDiv(seconds, 86_400L) + EPOCH_SERIAL;
    long secondOfDay = Math.floorMod(seconds, 86_400L);
    if (secondOfDay == 0) {
      return Long.toString(days);
    }
    // secondOfDay / 86 400 to ten places, rounded half up (exact in a long: < 8.64e14).
    long fraction = (secondOfDay * 10_000_000_000L + 43_200L) / 86_400L;
    String digits = Long.toString(fraction + 10_000_000_000L).substring(1); // ten digits, leading zeros
    int end = digits.length();
    while (digits.charAt(end - 1) == '0') {
      end--;
    }
    return days + "." + digits.substring(0, end);
  }

  /** The text without the characters XML 1.0 cannot carry (controls but tab and line breaks, lone surrogates, U+FFFE/F), cut at Excel's limit. */
  static String text(String value) {
    StringBuilder b = null;
    int n = value.length();
    for (int i = 0; i < n; ) {
      int cp = value.codePointAt(i);
      int len = Character.charCount(cp);
      boolean allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
          || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
      if (!allowed && b == null) {
        b = new StringBuilder(n).append(value, 0, i);
      } else if (allowed && b != null) {
        b.appendCodePoint(cp);
      }
      i += len;
    }
    String clean = b == null ? value : b.toString();
    if (clean.length() > MAX_TEXT) {
      int end = Character.isHighSurrogate(clean.charAt(MAX_TEXT - 1)) ? MAX_TEXT - 1 : MAX_TEXT;
      clean = clean.substring(0, end);
    }
    return clean;
  }

  private void escape(String text) throws IOException {
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      String entity = switch (text.charAt(i)) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        // A bare CR would come back as LF from any XML parser; as a reference it stays CR.
        case '\r' -> "&#13;";
        default -> null;
      };
      if (entity != null) {
        xml.write(text, start, i - start);
        xml.write(entity);
        start = i + 1;
      }
    }
    xml.write(text, start, text.length() - start);
  }

  /** A, B, … Z, AA, AB … for a column index from 0. */
  public static String column(int index) {
    StringBuilder name = new StringBuilder();
    for (int i = index + 1; i > 0; i = (i - 1) / 26) {
      name.insert(0, (char) ('A' + (i - 1) % 26));
    }
    return name.toString();
  }

  /** Ends the sheet and the workbook; the stream given is flushed, not closed. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    String range = "$A$1:$" + column(columns - 1) + "$" + rows;
    xml.write("</sheetData><autoFilter ref=\"" + range.replace("$", "") + "\"/>"
        + "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
        + "</worksheet>");
    xml.flush();
    zip.closeEntry();
    // The workbook names the filter's range, known only now: parts of a package may come in any order.
    String quoted = "'" + sheetName.replace("'", "''") + "'";
    entry("xl/workbook.xml", XML_HEAD + "<workbook xmlns=\"" + MAIN + "\" xmlns:r=\"" + REL + "\">"
        + "<sheets><sheet name=\"" + attribute(sheetName) + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
        + "<definedNames><definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">"
        + attribute(quoted + "!" + range) + "</definedName></definedNames></workbook>");
    zip.finish();
    zip.flush();
  }

  private static String attribute(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
  }

  private void entry(String name, String content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    xml.write(content);
    xml.flush();
    zip.closeEntry();
  }
}
