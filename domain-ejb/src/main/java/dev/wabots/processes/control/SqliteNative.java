package dev.wabots.processes.control;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * sqlite-jdbc's native library, taken out of the driver jar once for all bots. Left to itself the
 * driver copies it (~1 MB) into {@code /tmp} at every JVM start and deletes the copy at a normal
 * exit only: every bot killed or crashed left one behind (hundreds on a busy machine). Bots load
 * this copy instead ({@code org.sqlite.lib.path} / {@code org.sqlite.lib.name}).
 */
public final class SqliteNative {

  private static final Logger LOG = System.getLogger(SqliteNative.class.getName());

  private final Path driverJar;
  private final Path parent;
  private final Supplier<String> platformFolder;
  private Path extracted;
  private String extractedKey;
  private String failedKey;

  /** {@code parent}: where the library's folder goes (one per driver jar version). */
  public SqliteNative(Path driverJar, Path parent) {
    this(driverJar, parent, SqliteNative::currentPlatform);
  }

  SqliteNative(Path driverJar, Path parent, Supplier<String> platformFolder) {
    this.driverJar = driverJar;
    this.parent = parent;
    this.platformFolder = platformFolder;
  }

  /** The JVM options that make a bot load the shared copy; none when it cannot be made (the driver then extracts its own). */
  public synchronized List<String> jvmOptions() {
    String key = CdsArchive.fileKey(driverJar);
    if (key.equals(failedKey)) {
      return List.of();
    }
    try {
      if (extracted == null || !key.equals(extractedKey) || !Files.isRegularFile(extracted)) {
        extracted = extract(key);
        extractedKey = key;
      }
      return List.of("-Dorg.sqlite.lib.path=" + extracted.getParent(), "-Dorg.sqlite.lib.name=" + extracted.getFileName());
    } catch (IOException | RuntimeException | LinkageError e) {
      LOG.log(Level.WARNING, "Cannot take sqlite-jdbc''s native library out of " + driverJar
          + " (" + e + "): each bot extracts its own into the temporary folder");
      extracted = null;
      failedKey = key; // said once per driver jar
      return List.of();
    }
  }

  private Path extract(String key) throws IOException {
    String library = System.mapLibraryName("sqlitejdbc");
    String entryName = "org/sqlite/native/" + platformFolder.get() + "/" + library;
    Path dir = parent.resolve("sqlite-native-" + key.replaceAll("[^A-Za-z0-9._-]", "_"));
    Path target = dir.resolve(library);
    try (ZipFile zip = new ZipFile(driverJar.toFile())) {
      ZipEntry entry = zip.getEntry(entryName);
      if (entry == null) {
        throw new IOException(entryName + " is not in the driver jar");
      }
      if (Files.isRegularFile(target) && Files.size(target) == entry.getSize()) {
        return target;
      }
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "writing-", ".tmp");
      try (InputStream in = zip.getInputStream(entry)) {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
    return target;
  }

  /** The driver's own name for this OS and architecture ("Linux/x86_64", "Linux-Musl/aarch64" …). */
  static String currentPlatform() {
    return org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS();
  }
}
