package dev.wabots.processes.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BotJavaTest {

  @TempDir Path dir;

  private Path jdk(String name, String version, String runtimeVersion) throws Exception {
    return FakeJdk.jdk(dir.resolve("jvm"), name, version, runtimeVersion);
  }

  private static Path script(Path file, String body) throws Exception {
    return FakeJdk.script(file, body);
  }

  @Test
  void featureVersionsOfAllNamingSchemes() {
    assertEquals(17, BotJava.feature("17.0.15"));
    assertEquals(25, BotJava.feature("25"));
    assertEquals(25, BotJava.feature("25.0.3+9-LTS"));
    assertEquals(8, BotJava.feature("1.8.0_402"));
  }

  @Test
  void unsetPrefersAnInstalledJdk25OverTheOrchestratorsJava() throws Exception {
    Path own = jdk("jdk-17", "17.0.15", "17.0.15+6-Debian-1deb12u1").resolve("bin/java");
    jdk("jdk-25", "25.0.3", "25.0.3+9-LTS");
    jdk("jdk-26", "26", "26+35"); // newer, but not what bots are tested on
    BotJava java = BotJava.resolve(null, dir.resolve("jvm"), own);
    assertEquals(dir.resolve("jvm/jdk-25/bin/java").toString(), java.binary());
    assertEquals("25.0.3+9-LTS", java.version());
    assertTrue(java.aotCache());
    assertEquals(List.of(26, 25, 17), BotJava.installed(dir.resolve("jvm")).stream().map(BotJava::feature).toList());
  }

  @Test
  void withoutAJdk25BotsRunOnTheOrchestratorsJava() throws Exception {
    Path own = jdk("jdk-17", "17.0.15", "17.0.15+6-Debian-1deb12u1").resolve("bin/java");
    BotJava java = BotJava.resolve("", dir.resolve("jvm"), own);
    assertEquals(own.toString(), java.binary());
    assertEquals(17, java.feature());
    assertFalse(java.aotCache());
    assertEquals(own.toString(), BotJava.resolve(null, dir.resolve("no-such-folder"), own).binary());
  }

  @Test
  void theSettingNamesABinaryAFolderOrSame() throws Exception {
    Path own = jdk("jdk-17", "17.0.15", "17.0.15+6-Debian-1deb12u1").resolve("bin/java");
    Path jdk25 = jdk("jdk-25", "25.0.3", "25.0.3+9-LTS");
    assertEquals(own.toString(), BotJava.resolve("same", dir.resolve("jvm"), own).binary(), "same: the orchestrator's");
    assertEquals(own.toString(), BotJava.resolve(own.toString(), dir.resolve("jvm"), own).binary());
    assertEquals(jdk25.resolve("bin/java").toString(), BotJava.resolve(jdk25.toString(), dir.resolve("jvm"), own).binary());
    // A binary outside a JDK layout is asked for its version.
    Path loose = script(dir.resolve("java"), "echo 'openjdk version \"21.0.2\" 2024-01-16' >&2");
    BotJava asked = BotJava.resolve(loose.toString(), dir.resolve("jvm"), own);
    assertEquals(loose.toString(), asked.binary());
    assertEquals("21.0.2", asked.version());
    assertEquals(21, asked.feature());
  }

  @Test
  void aSettingThatIsNoJavaFallsBackToTheDefault() throws Exception {
    Path own = jdk("jdk-17", "17.0.15", "17.0.15+6-Debian-1deb12u1").resolve("bin/java");
    Path jdk25 = jdk("jdk-25", "25.0.3", "25.0.3+9-LTS");
    assertEquals(jdk25.resolve("bin/java").toString(), BotJava.resolve("/no/such/java", dir.resolve("jvm"), own).binary());
    Path notJava = script(dir.resolve("not-java"), "echo nonsense; exit 3");
    assertEquals(jdk25.resolve("bin/java").toString(), BotJava.resolve(notJava.toString(), dir.resolve("jvm"), own).binary());
  }

  @Test
  void theArchiveKindAndNameFollowTheBotsJavaAndTheClassPathJars() throws Exception {
    Path payara = Files.writeString(dir.resolve("payara-micro.jar"), "payara");
    Path sqlite = Files.writeString(dir.resolve("sqlite-jdbc.jar"), "sqlite");
    BotJava java17 = new BotJava("/jdk17/bin/java", "17.0.15+6", 17);
    BotJava java25 = new BotJava("/jdk25/bin/java", "25.0.3+9-LTS", 25);

    CdsArchive cds17 = new CdsArchive(dir.resolve("cds"), java17, List.of(payara, sqlite));
    CdsArchive.Use trainer = cds17.use();
    assertTrue(trainer.trains());
    assertTrue(trainer.options().get(0).startsWith("-XX:ArchiveClassesAtExit="), trainer.options().toString());
    assertFalse(cds17.use().trains(), "one trainer at a time");
    assertTrue(cds17.archive().getFileName().toString().endsWith(".jsa"));

    CdsArchive cds25 = new CdsArchive(dir.resolve("cds"), java25, List.of(payara, sqlite));
    CdsArchive.Use aotTrainer = cds25.use();
    assertTrue(aotTrainer.options().get(0).startsWith("-XX:AOTCacheOutput="), aotTrainer.options().toString());
    assertTrue(aotTrainer.options().contains("-XX:-ClassUnloading") && trainer.options().contains("-XX:-ClassUnloading"),
        "a recording never meets a half-unloaded class: " + aotTrainer.options());
    Path written = Path.of(aotTrainer.options().get(0).substring("-XX:AOTCacheOutput=".length()));
    Files.write(written, new byte[2 * 1024 * 1024]);
    Files.writeString(dir.resolve("cds").resolve(written.getFileName() + ".config"), "x");
    cds25.trainerExited(true);
    assertTrue(Files.isRegularFile(cds25.archive()));
    assertTrue(cds25.archive().getFileName().toString().endsWith(".aot"));
    assertFalse(Files.exists(dir.resolve("cds").resolve(written.getFileName() + ".config")));
    assertEquals(List.of("-XX:AOTCache=" + cds25.archive()), cds25.use().options());
    assertFalse(cds25.use().trains());

    Path before = cds25.archive();
    Files.writeString(sqlite, "a newer driver");
    Files.setLastModifiedTime(sqlite, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    assertNotEquals(before, cds25.archive(), "a replaced jar on the class path needs a new archive");
    assertTrue(cds25.use().trains());
  }

  @Test
  void aDataFolderMovedElsewhereTrainsANewArchive() throws Exception {
    Path payara = Files.writeString(dir.resolve("payara-micro.jar"), "payara");
    BotJava java25 = new BotJava("/jdk25/bin/java", "25.0.3", 25);
    CdsArchive here = new CdsArchive(dir.resolve("a").resolve("cds"), java25, List.of(payara));
    Files.createDirectories(here.archive().getParent());
    Files.write(here.archive(), new byte[2 * 1024 * 1024]);
    assertFalse(here.use().trains());
    Files.move(dir.resolve("a"), dir.resolve("b"));
    CdsArchive moved = new CdsArchive(dir.resolve("b").resolve("cds"), java25, List.of(payara));
    assertTrue(moved.use().trains(), "the moved archive names jars that are gone: a new one is trained");
  }

  @Test
  void aTrainerThatDidNotExitCleanlyLeavesNoArchive() throws Exception {
    Path payara = Files.writeString(dir.resolve("payara-micro.jar"), "payara");
    CdsArchive cds = new CdsArchive(dir.resolve("cds"), new BotJava("/jdk25/bin/java", "25.0.3", 25), List.of(payara));
    CdsArchive.Use trainer = cds.use();
    Path written = Path.of(trainer.options().get(0).substring("-XX:AOTCacheOutput=".length()));
    Files.write(written, new byte[2 * 1024 * 1024]);
    cds.trainerExited(false);
    assertFalse(Files.exists(written));
    assertFalse(Files.exists(cds.archive()));
    assertTrue(cds.use().trains(), "the next start trains again");
  }

  @Test
  void orchestratorsSharingTheFolderRecordIntoTheirOwnFilesAndADeadOnesIsRemoved() throws Exception {
    Path payara = Files.writeString(dir.resolve("payara-micro.jar"), "payara");
    CdsArchive cds = new CdsArchive(dir.resolve("cds"), new BotJava("/jdk25/bin/java", "25.0.3", 25), List.of(payara));
    Files.createDirectories(dir.resolve("cds"));
    // Another orchestrator's recording (this test's parent JVM: alive) and one whose process is gone.
    long alive = ProcessHandle.current().parent().orElseThrow().pid();
    Path others = Files.writeString(dir.resolve("cds").resolve(cds.archive().getFileName() + ".training-" + alive), "x");
    Path dead = Files.writeString(dir.resolve("cds").resolve(cds.archive().getFileName() + ".training-" + Integer.MAX_VALUE), "x");
    Path deadConfig = Files.writeString(dir.resolve("cds").resolve(dead.getFileName() + ".config"), "x");
    CdsArchive.Use trainer = cds.use();
    Path written = Path.of(trainer.options().get(0).substring("-XX:AOTCacheOutput=".length()));
    assertEquals(cds.archive().getFileName() + ".training-" + ProcessHandle.current().pid(), written.getFileName().toString());
    assertTrue(Files.exists(others), "a running orchestrator's recording stays");
    assertFalse(Files.exists(dead) || Files.exists(deadConfig), "a dead orchestrator's recording is removed");
    Files.write(written, new byte[2 * 1024 * 1024]);
    cds.trainerExited(true);
    assertTrue(Files.isRegularFile(cds.archive()));
    assertTrue(Files.exists(others), "promoting ours leaves the other's recording alone");
  }
}
