package dev.wabots.processes.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteNativeTest {

  @TempDir Path dir;

  private Path driverJar(byte[] library) throws Exception {
    Path jar = dir.resolve("sqlite-jdbc.jar");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new ZipEntry("org/sqlite/native/Linux/x86_64/" + System.mapLibraryName("sqlitejdbc")));
      out.write(library);
      out.closeEntry();
    }
    return jar;
  }

  @Test
  void theLibraryIsTakenOutOnceAndBotsAreToldWhere() throws Exception {
    Path jar = driverJar(new byte[] {1, 2, 3, 4});
    SqliteNative sqlite = new SqliteNative(jar, dir.resolve("payara"), () -> "Linux/x86_64");
    List<String> options = sqlite.jvmOptions();
    assertEquals(2, options.size(), options.toString());
    Path folder = Path.of(options.get(0).substring("-Dorg.sqlite.lib.path=".length()));
    Path library = folder.resolve(options.get(1).substring("-Dorg.sqlite.lib.name=".length()));
    assertArrayEquals(new byte[] {1, 2, 3, 4}, Files.readAllBytes(library));
    FileTime written = Files.getLastModifiedTime(library);
    Thread.sleep(20);
    assertEquals(options, new SqliteNative(jar, dir.resolve("payara"), () -> "Linux/x86_64").jvmOptions());
    assertEquals(written, Files.getLastModifiedTime(library), "not written again");
    try (var files = Files.list(folder)) {
      assertEquals(List.of(library), files.toList(), "no half-written copies left");
    }
  }

  @Test
  void aNewDriverGetsItsOwnCopy() throws Exception {
    Path jar = driverJar(new byte[] {1});
    SqliteNative sqlite = new SqliteNative(jar, dir.resolve("payara"), () -> "Linux/x86_64");
    String before = sqlite.jvmOptions().get(0);
    driverJar(new byte[] {9, 9});
    Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    List<String> after = sqlite.jvmOptions();
    assertTrue(!after.get(0).equals(before), after.toString());
    Path library = Path.of(after.get(0).substring("-Dorg.sqlite.lib.path=".length()))
        .resolve(System.mapLibraryName("sqlitejdbc"));
    assertArrayEquals(new byte[] {9, 9}, Files.readAllBytes(library));
  }

  @Test
  void withoutTheLibraryForThisPlatformBotsFallBackToTheDriversOwnExtraction() throws Exception {
    Path jar = driverJar(new byte[] {1});
    assertEquals(List.of(), new SqliteNative(jar, dir.resolve("payara"), () -> "Plan9/mips").jvmOptions());
    assertEquals(List.of(), new SqliteNative(dir.resolve("missing.jar"), dir.resolve("payara")).jvmOptions());
  }

  @Test
  void theDriverNamesThisMachinesPlatform() {
    assertTrue(SqliteNative.currentPlatform().startsWith("Linux"), SqliteNative.currentPlatform());
  }
}
