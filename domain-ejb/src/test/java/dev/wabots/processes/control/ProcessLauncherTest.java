package dev.wabots.processes.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessLauncherTest {

  @TempDir Path runtime;

  @Test
  void botJvmOptionsAreOnePerLineWithoutCommentsAndNameFilesBesideThem() throws Exception {
    Files.writeString(runtime.resolve("bot.jvm"), String.join("\n",
        "# a comment line",
        "-Xmx128m",
        "",
        "   -XX:+UseSerialGC   # after an option",
        "-XX:CompilerDirectivesFile=${runtime}/bot-compiler-directives.json",
        ""));
    assertEquals(List.of("-Xmx128m", "-XX:+UseSerialGC",
            "-XX:CompilerDirectivesFile=" + runtime.toAbsolutePath() + "/bot-compiler-directives.json"),
        ProcessLauncher.jvmOptions(runtime, 17));
  }

  @Test
  void noBotJvmFileMeansNoOptions() throws Exception {
    assertEquals(List.of(), ProcessLauncher.jvmOptions(runtime, 25));
  }

  @Test
  void aLineForNewerJavasAppliesFromThatVersionOn() throws Exception {
    Files.writeString(runtime.resolve("bot.jvm"), String.join("\n",
        "-XX:+UseSerialGC",
        "[jdk 18+] -XX:+UseStringDeduplication   # Serial deduplicates from 18 on",
        "[jdk 25+]-XX:+SomethingNew",
        ""));
    assertEquals(List.of("-XX:+UseSerialGC"), ProcessLauncher.jvmOptions(runtime, 17));
    assertEquals(List.of("-XX:+UseSerialGC", "-XX:+UseStringDeduplication"), ProcessLauncher.jvmOptions(runtime, 18));
    assertEquals(List.of("-XX:+UseSerialGC", "-XX:+UseStringDeduplication", "-XX:+SomethingNew"),
        ProcessLauncher.jvmOptions(runtime, 25));
  }

  @Test
  void aMistypedGuardIsRefusedNamingTheLine() throws Exception {
    Files.writeString(runtime.resolve("bot.jvm"), "-Xmx128m\n[java 18+] -XX:+UseStringDeduplication\n");
    var refused = assertThrows(java.io.IOException.class, () -> ProcessLauncher.jvmOptions(runtime, 25));
    assertTrue(refused.getMessage().contains("[java 18+] -XX:+UseStringDeduplication"), refused.getMessage());
  }
}
