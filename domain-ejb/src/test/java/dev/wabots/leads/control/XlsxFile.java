package dev.wabots.leads.control;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A workbook read back for the tests, with nothing but {@code java.util.zip} and the JDK's DOM
 * parser: its parts by name, each parsed as XML (a part that is not well-formed fails the test),
 * and the first sheet's cells as written.
 */
public final class XlsxFile {

  /** One cell: its reference ({@code B2}), type attribute ({@code inlineStr}, none for numbers), style index, text or value, and whether it holds a formula. */
  public record Cell(String ref, String type, int style, String value, boolean formula) {}

  public final Map<String, Document> parts = new LinkedHashMap<>();
  public final List<List<Cell>> rows = new ArrayList<>();

  public XlsxFile(byte[] bytes) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    DocumentBuilder parser = factory.newDocumentBuilder();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        parts.put(e.getName(), parser.parse(new Unclosed(zip)));
      }
    }
    Document sheet = parts.get("xl/worksheets/sheet1.xml");
    if (sheet == null) {
      throw new AssertionError("no sheet in " + parts.keySet());
    }
    NodeList rowNodes = sheet.getElementsByTagNameNS("*", "row");
    for (int r = 0; r < rowNodes.getLength(); r++) {
      Element row = (Element) rowNodes.item(r);
      if (!row.getAttribute("r").equals(Integer.toString(r + 1))) {
        throw new AssertionError("row " + (r + 1) + " numbered " + row.getAttribute("r"));
      }
      List<Cell> cells = new ArrayList<>();
      NodeList cellNodes = row.getElementsByTagNameNS("*", "c");
      for (int c = 0; c < cellNodes.getLength(); c++) {
        Element cell = (Element) cellNodes.item(c);
        String type = cell.getAttribute("t");
        String value = type.equals("inlineStr") ? text(cell, "t") : text(cell, "v");
        String style = cell.getAttribute("s");
        cells.add(new Cell(cell.getAttribute("r"), type, style.isEmpty() ? 0 : Integer.parseInt(style), value,
            cell.getElementsByTagNameNS("*", "f").getLength() > 0));
      }
      rows.add(cells);
    }
  }

  /** The cell at a reference ({@code C2}), or null when the row has none there (an empty cell). */
  public Cell cell(String ref) {
    int row = Integer.parseInt(ref.replaceAll("[A-Z]", ""));
    if (row > rows.size()) {
      return null;
    }
    return rows.get(row - 1).stream().filter(c -> c.ref().equals(ref)).findFirst().orElse(null);
  }

  /** The text of the first element of that local name in the sheet's styles ({@code cellXfs} …). */
  public Element styles(String localName) {
    return (Element) parts.get("xl/styles.xml").getElementsByTagNameNS("*", localName).item(0);
  }

  private static String text(Element parent, String localName) {
    NodeList nodes = parent.getElementsByTagNameNS("*", localName);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < nodes.getLength(); i++) {
      b.append(nodes.item(i).getTextContent());
    }
    return b.toString();
  }

  /** The zip's current entry, which the parser must not close. */
  private static final class Unclosed extends java.io.FilterInputStream {
    Unclosed(InputStream in) {
      super(in);
    }

    @Override
    public void close() throws IOException {
      // the next entry follows
    }
  }
}
