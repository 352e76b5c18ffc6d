package dev.wabots.speech.control;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A RIFF/WAVE file as the TTS engines return it: its format and its sample data. Reads the
 * streamed form too (espeak and some servers write an unknown data size), and joins the pieces
 * of a long text into one file with a short pause between them.
 */
public record Wav(int audioFormat, int channels, int sampleRate, int bitsPerSample, byte[] data) {

  static final int PCM = 1;

  public static Wav parse(byte[] bytes) {
    if (bytes == null || bytes.length < 12 || !"RIFF".equals(ascii(bytes, 0)) || !"WAVE".equals(ascii(bytes, 8))) {
      throw new IllegalArgumentException("not a WAV file (" + (bytes == null ? 0 : bytes.length) + " bytes)");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int pos = 12;
    Integer format = null;
    int channels = 0;
    int rate = 0;
    int bits = 0;
    while (pos + 8 <= bytes.length) {
      String id = ascii(bytes, pos);
      long size = Integer.toUnsignedLong(b.getInt(pos + 4));
      int body = pos + 8;
      if (id.equals("fmt ")) {
        format = Short.toUnsignedInt(b.getShort(body));
        channels = Short.toUnsignedInt(b.getShort(body + 2));
        rate = b.getInt(body + 4);
        bits = Short.toUnsignedInt(b.getShort(body + 14));
        if (format == 0xFFFE && size >= 26) {
          format = Short.toUnsignedInt(b.getShort(body + 24)); // WAVE_FORMAT_EXTENSIBLE: the sub-format
        }
      } else if (id.equals("data")) {
        if (format == null) {
          throw new IllegalArgumentException("WAV data before its format");
        }
        long available = bytes.length - body;
        int length = (int) (size == 0 || size > available ? available : size); // streamed: size unknown
        byte[] data = new byte[length - length % Math.max(1, channels * bits / 8)];
        System.arraycopy(bytes, body, data, 0, data.length);
        return new Wav(format, channels, rate, bits, data);
      }
      pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1));
    }
    throw new IllegalArgumentException("WAV file without a data chunk");
  }

  public int bytesPerSecond() {
    return sampleRate * channels * bitsPerSample / 8;
  }

  public long durationMillis() {
    return bytesPerSecond() == 0 ? 0 : data.length * 1000L / bytesPerSecond();
  }

  /** The pieces in order with {@code pauseMillis} of silence between them; all must share one format. */
  public static Wav join(List<Wav> pieces, int pauseMillis) {
    if (pieces.isEmpty()) {
      throw new IllegalArgumentException("nothing to join");
    }
    Wav first = pieces.get(0);
    if (pieces.size() == 1) {
      return first;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int frame = Math.max(1, first.channels * first.bitsPerSample / 8);
    byte[] pause = new byte[(int) ((long) first.bytesPerSecond() * pauseMillis / 1000 / frame * frame)];
    if (first.bitsPerSample == 8 && first.audioFormat == PCM) {
      java.util.Arrays.fill(pause, (byte) 0x80); // unsigned 8-bit silence
    }
    for (int i = 0; i < pieces.size(); i++) {
      Wav w = pieces.get(i);
      if (w.audioFormat != first.audioFormat || w.channels != first.channels || w.sampleRate != first.sampleRate
          || w.bitsPerSample != first.bitsPerSample) {
        throw new IllegalArgumentException("pieces differ in format: " + first.describe() + " vs " + w.describe());
      }
      if (i > 0) {
        out.writeBytes(pause);
      }
      out.writeBytes(w.data);
    }
    return new Wav(first.audioFormat, first.channels, first.sampleRate, first.bitsPerSample, out.toByteArray());
  }

  /** The file with a canonical 44-byte header. */
  public byte[] bytes() {
    ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data.length).put("WAVE".getBytes(StandardCharsets.US_ASCII));
    b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) audioFormat).putShort((short) channels)
        .putInt(sampleRate).putInt(bytesPerSecond()).putShort((short) (channels * bitsPerSample / 8))
        .putShort((short) bitsPerSample);
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
    return b.array();
  }

  public String describe() {
    return sampleRate + " Hz, " + channels + " channel(s), " + bitsPerSample + " bit, format " + audioFormat;
  }

  private static String ascii(byte[] bytes, int at) {
    return at + 4 <= bytes.length ? new String(bytes, at, 4, StandardCharsets.US_ASCII) : "";
  }
}
