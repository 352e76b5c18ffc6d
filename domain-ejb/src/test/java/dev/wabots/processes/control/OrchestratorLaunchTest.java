package dev.wabots.processes.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orchestrator's own launch plan and the end of its recording. The plan with a real Payara
 * (launcher written, cache recorded and mapped) runs in every end-to-end test that starts
 * {@code ./wabots run} on a machine with a JDK 25.
 */
class OrchestratorLaunchTest {

  @TempDir Path dir;

  private Path jdk(String name, String version) throws Exception {
    return FakeJdk.jdk(dir.resolve("jvm"), name, version, version + "+1");
  }

  private static Path script(Path file, String body) throws Exception {
    return FakeJdk.script(file, body);
  }

  private Path runtime() throws Exception {
    Path runtime = Files.createDirectories(dir.resolve("runtime"));
    Files.writeString(runtime.resolve("payara-micro.jar"), "not a Payara Micro"); // a stand-in: cannot write a launcher
    Files.writeString(runtime.resolve("sqlite-jdbc.jar"), "driver");
    Files.writeString(runtime.resolve("orchestrator.jvm"), "-Xmx512m\n");
    return runtime;
  }

  @Test
  void withoutAJdk25OrWithJavaNamingAnOlderOneTheOrchestratorStartsAsBefore() throws Exception {
    Path runtime = runtime();
    Path jdk17 = jdk("jdk-17", "17.0.15");
    assertTrue(OrchestratorLaunch.plan("", dir.resolve("jvm"), runtime, dir.resolve("cache"), dir.resolve("root"), 1).isEmpty(),
        "no JDK 25 installed");
    jdk("jdk-25", "25.0.3");
    assertTrue(OrchestratorLaunch.plan(jdk17.resolve("bin/java").toString(), dir.resolve("jvm"), runtime, dir.resolve("cache"),
        dir.resolve("root"), 1).isEmpty(), "JAVA names a JDK 17: its choice stands");
    assertTrue(OrchestratorLaunch.plan(null, dir.resolve("jvm"), runtime, dir.resolve("cache"), dir.resolve("root"), 1).isEmpty(),
        "a payara-micro.jar that cannot write Payara's launcher (a test stand-in) keeps -jar");
    assertFalse(Files.exists(dir.resolve("root")), "nothing written for a plan not made");
  }

  @Test
  void theCacheIsRecordedAgainWhenTheJavaTheJarsOrTheOptionsChange() throws Exception {
    Path runtime = runtime();
    BotJava java = BotJava.of(jdk("jdk-25", "25.0.3")).orElseThrow();
    List<Path> files = List.of(runtime.resolve("payara-micro.jar"), runtime.resolve("sqlite-jdbc.jar"),
        runtime.resolve("orchestrator.jvm"));
    String name = OrchestratorLaunch.cacheName(java, dir.resolve("cache"), files);
    assertTrue(name.startsWith("orchestrator-25.0.3_1-") && name.endsWith(".aot"), name);
    assertEquals(name, OrchestratorLaunch.cacheName(java, dir.resolve("cache"), files), "stable while nothing changes");
    assertNotEquals(name, OrchestratorLaunch.cacheName(java, dir.resolve("elsewhere"), files), "the class path names the folder");
    Files.writeString(runtime.resolve("orchestrator.jvm"), "-Xmx1g\n");
    assertNotEquals(name, OrchestratorLaunch.cacheName(java, dir.resolve("cache"), files));
    BotJava other = BotJava.of(jdk("jdk-25b", "25.0.4")).orElseThrow();
    assertNotEquals(OrchestratorLaunch.cacheName(java, dir.resolve("cache"), files),
        OrchestratorLaunch.cacheName(other, dir.resolve("cache"), files));
  }

  @Test
  void recordingsOfOrchestratorsThatNoLongerRunAreRemovedAndHalfCreatedCachesOnlyWhenAbandoned() throws Exception {
    Path aot = Files.createDirectories(dir.resolve("cds"));
    long dead = new ProcessBuilder("true").start().onExit().get().pid();
    long alive = ProcessHandle.current().pid();
    Path deadRecording = Files.writeString(aot.resolve("orchestrator-x.aot.training-" + dead), "config");
    Path running = Files.writeString(aot.resolve("orchestrator-x.aot.training-" + alive), "recording");
    Path creating = Files.writeString(aot.resolve("orchestrator-x.aot.creating-" + dead), "a creator may still write it");
    Path abandoned = Files.writeString(aot.resolve("orchestrator-y.aot.creating-" + dead), "two hours old");
    Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    Path cache = Files.writeString(aot.resolve("orchestrator-x.aot"), "complete");
    Path botArchive = Files.writeString(aot.resolve("bot-launcher-x.aot.training-" + dead), "the bots' own");
    OrchestratorLaunch.removeDeadRecordings(aot);
    assertFalse(Files.exists(deadRecording));
    assertTrue(Files.exists(running), "a running orchestrator's recording stays");
    assertTrue(Files.exists(creating), "its creator outlives the orchestrator");
    assertFalse(Files.exists(abandoned));
    assertTrue(Files.exists(cache));
    assertTrue(Files.exists(botArchive), "the bots' recordings are CdsArchive's business");
  }

  @Test
  void theCreatorGetsTheJvmsOwnOptionsWithoutTheRecordingsOrPayarasArguments() {
    List<String> args = List.of("-Xmx512m", "-XX:AOTMode=record", "-XX:AOTConfiguration=/c/x.training-7", "-XX:-ClassUnloading",
        "-D" + OrchestratorLaunch.TRAINING_PROPERTY + "=/c/x.training-7", "-D" + OrchestratorLaunch.CACHE_PROPERTY + "=/c/x.aot",
        "-Dwabots.port=8002", "-cp", "/l/launch-micro.jar:/r/sqlite-jdbc.jar", PayaraLauncher.MAIN_CLASS, "--port", "8002");
    assertEquals(List.of("-Xmx512m", "-XX:-ClassUnloading", "-Dwabots.port=8002", "-cp", "/l/launch-micro.jar:/r/sqlite-jdbc.jar"),
        OrchestratorRecording.jvmOptions(args));
  }

  @Test
  void anEndedRecordingBecomesTheCacheThroughTheCreatorAndAFailedOneIsDropped() throws Exception {
    Path config = dir.resolve("orchestrator-x.aot.training-42");
    Path cache = dir.resolve("orchestrator-x.aot");
    Path args = dir.resolve("creator-args");
    // A jcmd that ends the recording the way the JVM does: the configuration is written.
    Path jcmd = script(dir.resolve("jcmd"), "[ \"$2\" = AOT.end_recording ] && echo recorded > " + config
        + " && echo 'Recording ended successfully.'");
    // A java that creates the cache where -XX:AOTCache= says, after its other options.
    Path java = script(dir.resolve("java"), "echo \"$@\" > " + args + "; for a in \"$@\"; do case $a in -XX:AOTCache=*)"
        + " head -c 2000000 /dev/zero > ${a#-XX:AOTCache=};; esac; done");
    Process creator = OrchestratorRecording.end(jcmd, java, 42, List.of("-Xmx512m", "-cp", "/l/launch-micro.jar"), config, cache);
    assertTrue(creator.waitFor(30, TimeUnit.SECONDS));
    assertEquals(2_000_000, Files.size(cache));
    assertFalse(Files.exists(config), "the recording goes once the cache exists");
    assertFalse(Files.exists(dir.resolve("orchestrator-x.aot.creating-42")));
    assertEquals("-Xmx512m -cp /l/launch-micro.jar -XX:ErrorFile=" + dir.resolve("orchestrator-aot-create-hs_err-%p.log")
        + " -XX:AOTMode=create -XX:AOTConfiguration=" + config + " -XX:AOTCache="
        + dir.resolve("orchestrator-x.aot.creating-42"), Files.readString(args).strip());

    Files.delete(cache);
    Path failingJava = script(dir.resolve("java-fails"), "for a in \"$@\"; do case $a in -XX:AOTCache=*)"
        + " echo half > ${a#-XX:AOTCache=};; esac; done; exit 1");
    creator = OrchestratorRecording.end(jcmd, failingJava, 42, List.of(), config, cache);
    assertTrue(creator.waitFor(30, TimeUnit.SECONDS));
    assertFalse(Files.exists(cache), "a creator that failed leaves no cache to map");
    assertFalse(Files.exists(dir.resolve("orchestrator-x.aot.creating-42")), "nor its half-written file");
    assertFalse(Files.exists(config));

    Path jcmdFails = script(dir.resolve("jcmd-fails"), "echo 'AOT.end_recording failed'; exit 1");
    Files.writeString(config, "");
    assertNull(OrchestratorRecording.end(jcmdFails, java, 42, List.of(), config, cache), "no creator without a recording");
    assertFalse(Files.exists(config), "the recording is dropped");
    assertFalse(Files.exists(cache));
  }
}
