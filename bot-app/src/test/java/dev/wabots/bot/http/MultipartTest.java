package dev.wabots.bot.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link Multipart} writes the form the Graph API's media upload reads (RFC 7578). */
class MultipartTest {

  @Test
  void writesFieldsAndAFileBetweenBoundaries() {
    byte[] pdf = {'%', 'P', 'D', 'F', 0, (byte) 0xff, '\r', '\n'};
    Multipart.Body body = new Multipart()
        .field("messaging_product", "whatsapp")
        .field("type", "application/pdf")
        .file("file", "ТЗ.pdf", "application/pdf", pdf)
        .build();
    assertTrue(body.contentType().startsWith("multipart/form-data; boundary=wabots-"), body.contentType());
    String boundary = body.contentType().substring("multipart/form-data; boundary=".length());
    byte[] head = ("--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"messaging_product\"\r\n\r\nwhatsapp\r\n"
        + "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"type\"\r\n\r\napplication/pdf\r\n"
        + "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"file\"; filename=\"ТЗ.pdf\"\r\n"
        + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] expected = new byte[head.length + pdf.length + tail.length];
    System.arraycopy(head, 0, expected, 0, head.length);
    System.arraycopy(pdf, 0, expected, head.length, pdf.length);
    System.arraycopy(tail, 0, expected, head.length + pdf.length, tail.length);
    assertEquals(new String(expected, StandardCharsets.ISO_8859_1), new String(body.bytes(), StandardCharsets.ISO_8859_1));
  }

  @Test
  void quotesAndLineBreaksInAFileNameCannotEndItsHeader() {
    String text = new String(new Multipart().file("file", "a\"b\r\nContent-Type: x.txt", "text/plain", new byte[0])
        .build().bytes(), StandardCharsets.UTF_8);
    assertTrue(text.contains("filename=\"a%22b%0D%0AContent-Type: x.txt\"\r\n"), text);
    assertThrows(IllegalArgumentException.class,
        () -> new Multipart().file("file", "f", "text/plain\r\nX-Evil: 1", new byte[0]));
  }

  @Test
  void eachBodyHasItsOwnBoundary() {
    assertNotEquals(new Multipart().field("a", "b").build().contentType(),
        new Multipart().field("a", "b").build().contentType());
  }

  @Test
  void findsBytesInsideData() {
    byte[] data = "xx--wabots-12yy".getBytes(StandardCharsets.US_ASCII);
    assertEquals(2, Multipart.indexOf(data, "--wabots-1".getBytes(StandardCharsets.US_ASCII)));
    assertEquals(-1, Multipart.indexOf(data, "--wabots-3".getBytes(StandardCharsets.US_ASCII)));
  }
}
