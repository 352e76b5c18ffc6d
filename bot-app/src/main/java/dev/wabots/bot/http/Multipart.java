package dev.wabots.bot.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A {@code multipart/form-data} body (RFC 7578) built in memory, for the Graph API's media upload
 * ({@code messaging_product}, {@code type}, {@code file}). Names and file names are written
 * between quotes with a quote, CR and LF percent-encoded (RFC 7578 4.2, as browsers do); the
 * boundary is random and chosen again in the unlikely case that a part contains it.
 */
public final class Multipart {

  private static final SecureRandom RANDOM = new SecureRandom();

  private record Part(String name, String fileName, String type, byte[] content) {}

  private final List<Part> parts = new ArrayList<>();

  /** Adds a text field. */
  public Multipart field(String name, String value) {
    parts.add(new Part(name, null, null, value.getBytes(StandardCharsets.UTF_8)));
    return this;
  }

  /** Adds a file: its field name, file name, MIME type and bytes. */
  public Multipart file(String name, String fileName, String type, byte[] content) {
    if (type.indexOf('\r') >= 0 || type.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("a MIME type on more than one line: " + type.strip());
    }
    parts.add(new Part(name, fileName, type, content));
    return this;
  }

  /** The body with its {@code Content-Type} header value (which names the boundary). */
  public record Body(String contentType, byte[] bytes) {}

  /** The body as it stands now. */
  public Body build() {
    String boundary;
    do {
      boundary = "wabots-" + HexFormat.of().formatHex(random());
    } while (anyContains(boundary));
    ByteArrayOutputStream out = new ByteArrayOutputStream(parts.stream().mapToInt(p -> p.content().length + 200).sum());
    for (Part p : parts) {
      StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
          .append("Content-Disposition: form-data; name=\"").append(quoted(p.name())).append('"');
      if (p.fileName() != null) {
        head.append("; filename=\"").append(quoted(p.fileName())).append('"');
      }
      head.append("\r\n");
      if (p.type() != null) {
        head.append("Content-Type: ").append(p.type()).append("\r\n");
      }
      head.append("\r\n");
      out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
      out.writeBytes(p.content());
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return new Body("multipart/form-data; boundary=" + boundary, out.toByteArray());
  }

  private static byte[] random() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return b;
  }

  private boolean anyContains(String boundary) {
    byte[] b = boundary.getBytes(StandardCharsets.US_ASCII);
    return parts.stream().anyMatch(p -> indexOf(p.content(), b) >= 0);
  }

  static int indexOf(byte[] data, byte[] what) {
    outer:
    for (int i = 0; i + what.length <= data.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (data[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static String quoted(String s) {
    return s.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
  }
}
