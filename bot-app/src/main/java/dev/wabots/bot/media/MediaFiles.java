package dev.wabots.bot.media;

import dev.wabots.funnel.store.Row;
import dev.wabots.funnel.store.Transactions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The files customers sent, kept per bot under {@code <data>/media/<bot id>/<yyyy-MM>/} with a row
 * in the bot's database ({@code media}); removed after the retention period by {@link #removeOlderThan}.
 * A file is written completely before its row names it, so a crash leaves no row without its file.
 */
public class MediaFiles {

  private static final Logger LOG = System.getLogger(MediaFiles.class.getName());
  private static final String COLUMNS = "wamid, phone, kind, mime_type, filename, size, sha256, path, state, refusal,"
      + " reason, transcript, transcript_problem, received_at";
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);
  private static final Map<String, String> EXTENSIONS = Map.ofEntries(
      Map.entry("audio/ogg", "ogg"), Map.entry("audio/mpeg", "mp3"), Map.entry("audio/mp4", "m4a"),
      Map.entry("audio/aac", "aac"), Map.entry("audio/amr", "amr"), Map.entry("image/jpeg", "jpg"),
      Map.entry("image/png", "png"), Map.entry("image/webp", "webp"), Map.entry("video/mp4", "mp4"),
      Map.entry("video/3gpp", "3gp"), Map.entry("application/pdf", "pdf"), Map.entry("text/plain", "txt"));

  private final Transactions db;
  private final Path folder;

  /** @param folder this bot's media folder (created when the first file comes) */
  public MediaFiles(Transactions db, Path folder) {
    this.db = db;
    this.folder = folder;
  }

  /** The bot's media folder. */
  public Path folder() {
    return folder;
  }

  /** What was kept of message {@code wamid}, if anything. */
  public Optional<Received> of(String wamid) {
    return db.read(s -> s.first("SELECT " + COLUMNS + " FROM media WHERE wamid = ?", MediaFiles::row, wamid));
  }

  /** Writes the file, then records it as stored. */
  public Received store(String wamid, String phone, String kind, String mimeType, String filename, byte[] data,
      Instant at) {
    String sha = sha256(data);
    String relative = MONTH.format(at) + "/" + safe(wamid) + "." + extension(mimeType);
    Path file = folder.resolve(relative);
    try {
      Files.createDirectories(file.getParent());
      Path part = file.resolveSibling(file.getFileName() + ".part");
      Files.write(part, data);
      try {
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store media " + wamid + ": " + e.getMessage(), e);
    }
    db.writing(s -> s.update("INSERT OR REPLACE INTO media (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'stored',"
        + " NULL, NULL, NULL, NULL, ?)", wamid, phone, kind, mimeType, filename, (long) data.length, sha, relative, at));
    return of(wamid).orElseThrow();
  }

  /** Records that message {@code wamid}'s file was not taken, and why. */
  public Received refuse(String wamid, String phone, String kind, String mimeType, String filename, long size,
      String refusal, String reason, Instant at) {
    db.writing(s -> s.update("INSERT OR REPLACE INTO media (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, NULL, NULL,"
        + " 'refused', ?, ?, NULL, NULL, ?)", wamid, phone, kind, mimeType, filename, size, refusal, reason, at));
    return of(wamid).orElseThrow();
  }

  /** Records a voice note's transcript, or why there is none. */
  public void transcript(String wamid, String text, String problem) {
    db.writing(s -> s.update("UPDATE media SET transcript = ?, transcript_problem = ? WHERE wamid = ?", text, problem,
        wamid));
  }

  /** The stored bytes of message {@code wamid}'s file, if it is still kept. */
  public Optional<byte[]> bytes(String wamid) {
    Optional<Received> r = of(wamid).filter(Received::stored);
    if (r.isEmpty() || r.get().path() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(folder.resolve(r.get().path())));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Removes the files received before {@code cutoff}; their rows stay, marked {@code removed}.
   *
   * @return how many files were removed
   */
  public int removeOlderThan(Instant cutoff) {
    List<String[]> old = db.read(s -> s.list("SELECT wamid, path FROM media WHERE path IS NOT NULL AND received_at < ?",
        r -> new String[] {r.text(1), r.text(2)}, cutoff));
    int removed = 0;
    for (String[] o : old) {
      try {
        Files.deleteIfExists(folder.resolve(o[1]));
        db.writing(s -> s.update("UPDATE media SET path = NULL, state = 'removed' WHERE wamid = ?", o[0]));
        removed++;
      } catch (IOException e) {
        LOG.log(Level.WARNING, "Cannot remove media file {0}: {1}", o[1], e.getMessage());
      }
    }
    return removed;
  }

  private static Received row(Row r) {
    return new Received(r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.number(6), r.text(7), r.text(8),
        r.text(9), r.text(10), r.text(11), r.text(12), r.text(13), r.instant(14));
  }

  static String extension(String mimeType) {
    String base = mimeType == null ? "" : mimeType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    return EXTENSIONS.getOrDefault(base, "bin");
  }

  private static String safe(String wamid) {
    return wamid.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
