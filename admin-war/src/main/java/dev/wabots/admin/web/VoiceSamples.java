package dev.wabots.admin.web;

import jakarta.enterprise.context.SessionScoped;
import java.io.Serializable;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The last voice sample the TTS tab made in this session, for {@link VoiceSampleAudio} to stream:
 * made by the domain under the session's caller (so with the bot's visibility rule), readable only
 * by this session and only by its random key.
 */
@SessionScoped
public class VoiceSamples implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final SecureRandom RANDOM = new SecureRandom();

  private String key;
  private byte[] audio;

  /** Keeps the sample (replacing the previous one); returns its key. */
  synchronized String keep(byte[] ogg) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    key = HexFormat.of().formatHex(bytes);
    audio = ogg;
    return key;
  }

  /** The sample with this key, or null. */
  synchronized byte[] get(String wanted) {
    return key != null && key.equals(wanted) ? audio : null;
  }
}
