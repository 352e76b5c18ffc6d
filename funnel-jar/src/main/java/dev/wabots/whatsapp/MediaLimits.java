package dev.wabots.whatsapp;

import dev.wabots.whatsapp.MessageContent.MediaKind;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the Cloud API accepts as media, per kind (Meta's "Supported media types": audio 16 MB,
 * documents 100 MB, images 5 MB, stickers 100 KB static / 500 KB animated, video 16 MB), and a look
 * at a file's first bytes to tell whether it is what its MIME type says. Inbound media is checked
 * against the same table: a customer's file of another type or size is refused, not stored.
 */
public final class MediaLimits {

  private static final long MB = 1024L * 1024L;

  private static final Set<String> DOCUMENTS = Set.of(
      "text/plain", "application/pdf", "application/msword", "application/vnd.ms-excel",
      "application/vnd.ms-powerpoint",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation");

  private static final Map<MediaKind, Set<String>> TYPES = Map.of(
      MediaKind.AUDIO, Set.of("audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"),
      // Photos sent "as a file" arrive as documents with an image type.
      MediaKind.DOCUMENT, union(DOCUMENTS, Set.of("image/jpeg", "image/png")),
      MediaKind.IMAGE, Set.of("image/jpeg", "image/png"),
      MediaKind.STICKER, Set.of("image/webp"),
      MediaKind.VIDEO, Set.of("video/mp4", "video/3gpp"));

  private MediaLimits() {}

  /** Meta's size limit for the kind, in bytes. */
  public static long maxBytes(MediaKind kind, boolean animated) {
    return switch (kind) {
      case AUDIO, VIDEO -> 16 * MB;
      case DOCUMENT -> 100 * MB;
      case IMAGE -> 5 * MB;
      case STICKER -> animated ? 500 * 1024L : 100 * 1024L;
    };
  }

  /** The MIME types the kind may have (without parameters). */
  public static Set<String> types(MediaKind kind) {
    return TYPES.get(kind);
  }

  /** {@code audio/ogg; codecs=opus} → {@code audio/ogg}; null or blank → empty text. */
  public static String baseType(String mimeType) {
    if (mimeType == null) {
      return "";
    }
    int semicolon = mimeType.indexOf(';');
    return (semicolon < 0 ? mimeType : mimeType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }

  /**
   * Why a file of this kind, type and size cannot be taken, or empty when it can.
   *
   * @param size its size in bytes, or a negative number when not known yet
   * @param cap a smaller limit of the receiver's own (bytes), or 0 for Meta's only
   */
  public static Optional<String> problem(MediaKind kind, String mimeType, long size, boolean animated, long cap) {
    String type = baseType(mimeType);
    if (!types(kind).contains(type)) {
      return Optional.of("a " + kind.type() + " of type '" + (type.isEmpty() ? "none" : type)
          + "' is not accepted (allowed: " + String.join(", ", types(kind).stream().sorted().toList()) + ")");
    }
    long limit = limit(kind, animated, cap);
    if (size > limit) {
      return Optional.of("a " + kind.type() + " of " + size + " bytes is over the limit of " + limit + " bytes");
    }
    return Optional.empty();
  }

  /** The smaller of Meta's limit and {@code cap} (0: Meta's). */
  public static long limit(MediaKind kind, boolean animated, long cap) {
    long meta = maxBytes(kind, animated);
    return cap > 0 ? Math.min(meta, cap) : meta;
  }

  /**
   * Why the file's first bytes contradict its MIME type, or empty when they fit (or the type has
   * no recognisable signature).
   */
  public static Optional<String> contentProblem(String mimeType, byte[] head) {
    String type = baseType(mimeType);
    String seen = sniff(head);
    boolean fits = switch (type) {
      case "audio/ogg" -> "ogg".equals(seen);
      case "audio/mpeg" -> "mpeg".equals(seen) || "adts".equals(seen);
      case "audio/aac" -> "adts".equals(seen) || "mp4".equals(seen);
      case "audio/amr" -> "amr".equals(seen);
      case "audio/mp4", "video/mp4", "video/3gpp" -> "mp4".equals(seen);
      case "image/jpeg" -> "jpeg".equals(seen);
      case "image/png" -> "png".equals(seen);
      case "image/webp" -> "webp".equals(seen);
      case "application/pdf" -> "pdf".equals(seen);
      case "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint" -> "ole".equals(seen);
      case "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "application/vnd.openxmlformats-officedocument.presentationml.presentation" -> "zip".equals(seen);
      case "text/plain" -> seen == null && !binary(head);
      default -> true;
    };
    if (fits) {
      return Optional.empty();
    }
    return Optional.of("the content is not " + type + " (it looks like " + (seen == null ? "something else" : seen) + ")");
  }

  /** The family a file's first bytes belong to, or null when none is recognised. */
  static String sniff(byte[] h) {
    if (h == null || h.length < 4) {
      return null;
    }
    if (starts(h, "OggS")) {
      return "ogg";
    }
    if (starts(h, "%PDF")) {
      return "pdf";
    }
    if (u(h[0]) == 0xFF && u(h[1]) == 0xD8 && u(h[2]) == 0xFF) {
      return "jpeg";
    }
    if (u(h[0]) == 0x89 && starts(h, 1, "PNG")) {
      return "png";
    }
    if (starts(h, "RIFF") && h.length >= 12 && starts(h, 8, "WEBP")) {
      return "webp";
    }
    if (starts(h, "RIFF") && h.length >= 12 && starts(h, 8, "WAVE")) {
      return "wav";
    }
    if (starts(h, "#!AMR")) {
      return "amr";
    }
    if (h.length >= 8 && starts(h, 4, "ftyp")) {
      return "mp4";
    }
    if (starts(h, "ID3")) {
      return "mpeg";
    }
    if (u(h[0]) == 0xFF && (u(h[1]) & 0xF6) == 0xF0) {
      return "adts"; // AAC in ADTS frames (layer bits 00)
    }
    if (u(h[0]) == 0xFF && (u(h[1]) & 0xE0) == 0xE0) {
      return "mpeg"; // an MPEG audio frame
    }
    if (u(h[0]) == 0xD0 && u(h[1]) == 0xCF && u(h[2]) == 0x11 && u(h[3]) == 0xE0) {
      return "ole";
    }
    if (starts(h, "PK") && h[2] == 3 && h[3] == 4) {
      return "zip";
    }
    if (u(h[0]) == 0x1A && u(h[1]) == 0x45 && u(h[2]) == 0xDF && u(h[3]) == 0xA3) {
      return "webm";
    }
    return null;
  }

  private static boolean binary(byte[] head) {
    for (byte b : head) {
      if (b == 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean starts(byte[] h, String ascii) {
    return starts(h, 0, ascii);
  }

  private static boolean starts(byte[] h, int at, String ascii) {
    byte[] a = ascii.getBytes(StandardCharsets.US_ASCII);
    if (h.length < at + a.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (h[at + i] != a[i]) {
        return false;
      }
    }
    return true;
  }

  private static int u(byte b) {
    return b & 0xFF;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    java.util.HashSet<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
