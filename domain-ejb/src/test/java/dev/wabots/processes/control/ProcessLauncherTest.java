package dev.wabots.processes.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        ProcessLauncher.jvmOptions(runtime));
  }

  @Test
  void noBotJvmFileMeansNoOptions() throws Exception {
    assertEquals(List.of(), ProcessLauncher.jvmOptions(runtime));
  }
}
