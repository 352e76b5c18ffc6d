package dev.wabots.bot.os;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A child JVM on a JDK 22+ (the foreign function API), as bots run: for tests of what the C library does to a process. */
public final class ChildJava {

  private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

  private ChildJava() {}

  /** A JDK 22+ {@code java}: {@code WABOTS_BOT_JAVA} (a binary or a JDK folder), else the newest under /usr/lib/jvm. */
  public static Optional<Path> find() throws IOException {
    String chosen = System.getenv("WABOTS_BOT_JAVA");
    List<Path> homes = new ArrayList<>();
    if (chosen != null && !chosen.isBlank() && !chosen.equals("same")) {
      Path p = Path.of(chosen);
      homes.add(Files.isDirectory(p) ? p : p.getParent().getParent());
    }
    Path jvm = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvm)) {
      try (Stream<Path> list = Files.list(jvm)) {
        list.sorted(Comparator.reverseOrder()).forEach(homes::add);
      }
    }
    for (Path home : homes) {
      Path release = home.resolve("release");
      Path java = home.resolve("bin").resolve("java");
      if (Files.isRegularFile(release) && Files.isExecutable(java)) {
        Matcher m = VERSION.matcher(Files.readString(release));
        if (m.find() && Integer.parseInt(m.group(1)) >= 22) {
          return Optional.of(java);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Starts {@code main} with this test's class path, native access and {@code java.io} opened (as
   * Payara's launcher opens it), its output and errors appended to {@code log}.
   */
  public static Process start(Path java, Path log, List<String> jvmOptions, Class<?> main, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED",
        "--add-opens", "java.base/java.io=ALL-UNNAMED", "-Xshare:auto"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
  }
}
