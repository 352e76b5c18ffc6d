package dev.wabots.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.whatsapp.MessageContent.MediaKind;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MediaLimitsTest {

  @Test
  void metasLimitsPerKindAndTheReceiversOwnCap() {
    assertEquals(5L << 20, MediaLimits.maxBytes(MediaKind.IMAGE, false));
    assertEquals(100L << 20, MediaLimits.maxBytes(MediaKind.DOCUMENT, false));
    assertEquals(100 * 1024, MediaLimits.maxBytes(MediaKind.STICKER, false));
    assertEquals(500 * 1024, MediaLimits.maxBytes(MediaKind.STICKER, true));
    assertEquals(16L << 20, MediaLimits.limit(MediaKind.DOCUMENT, false, 16L << 20));
    assertTrue(MediaLimits.problem(MediaKind.DOCUMENT, "application/pdf", 20L << 20, false, 16L << 20).isPresent());
    assertEquals(Optional.empty(), MediaLimits.problem(MediaKind.DOCUMENT, "application/pdf", 20L << 20, false, 0));
  }

  @Test
  void typesAreCheckedWithoutParameters() {
    assertEquals(Optional.empty(), MediaLimits.problem(MediaKind.AUDIO, "audio/ogg; codecs=opus", 1000, false, 0));
    assertTrue(MediaLimits.problem(MediaKind.IMAGE, "image/gif", 1000, false, 0).orElseThrow().contains("image/gif"));
    assertTrue(MediaLimits.problem(MediaKind.AUDIO, null, 10, false, 0).orElseThrow().contains("'none'"));
  }

  @Test
  void theContentMustBeWhatItsTypeSays() {
    byte[] pdf = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
    byte[] ogg = "OggS\0\2\0\0".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(Optional.empty(), MediaLimits.contentProblem("application/pdf", pdf));
    assertEquals(Optional.empty(), MediaLimits.contentProblem("audio/ogg; codecs=opus", ogg));
    assertTrue(MediaLimits.contentProblem("application/pdf", ogg).orElseThrow().contains("ogg"));
    assertTrue(MediaLimits.contentProblem("image/jpeg", pdf).isPresent());
    assertEquals(Optional.empty(), MediaLimits.contentProblem("text/plain", "hello".getBytes(StandardCharsets.UTF_8)));
    assertTrue(MediaLimits.contentProblem("text/plain", new byte[] {'a', 0, 'b', 'c'}).isPresent());
  }
}
