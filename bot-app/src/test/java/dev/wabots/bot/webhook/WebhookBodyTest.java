package dev.wabots.bot.webhook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookBodyTest {

  static final byte[] BODY = "{\"object\":\"whatsapp_business_account\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);

  @Test
  void aBodyWithItsLengthIsReadWhole() throws IOException {
    assertArrayEquals(BODY, WebhookServlet.readBody(new ByteArrayInputStream(BODY), BODY.length));
  }

  @Test
  void aBodyWithoutALengthIsReadToItsEnd() throws IOException {
    assertArrayEquals(BODY, WebhookServlet.readBody(new ByteArrayInputStream(BODY), -1));
  }

  @Test
  void aBodyShorterThanItsLengthIsAnError() {
    IOException e = assertThrows(IOException.class,
        () -> WebhookServlet.readBody(new ByteArrayInputStream(BODY), BODY.length + 10));
    assertEquals("the body ended after " + BODY.length + " of " + (BODY.length + 10) + " bytes", e.getMessage());
  }

  @Test
  void aBodyOverTheLimitIsCutJustPastIt() throws IOException {
    byte[] big = new byte[WebhookServlet.MAX_BODY + 5000];
    assertEquals(WebhookServlet.MAX_BODY + 1, WebhookServlet.readBody(new ByteArrayInputStream(big), big.length).length);
    assertEquals(WebhookServlet.MAX_BODY + 1, WebhookServlet.readBody(new ByteArrayInputStream(big), -1).length);
  }
}
