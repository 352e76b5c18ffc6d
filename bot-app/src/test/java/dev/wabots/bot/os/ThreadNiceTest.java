package dev.wabots.bot.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thread of a real process (JDK 22+, as bots run) lowers its own priority; the kernel reports the
 * new nice value for that thread alone ({@code /proc/thread-self/stat}), the others keep theirs.
 */
class ThreadNiceTest {

  @TempDir Path dir;

  @Test
  void aThreadLowersItsOwnPriorityAndNoOtherThreads() throws Exception {
    Optional<Path> java = ChildJava.find();
    assumeTrue(java.isPresent(), "no JDK 22 or later under /usr/lib/jvm (WABOTS_BOT_JAVA)");
    Path log = dir.resolve("child.log");
    Process p = ChildJava.start(java.get(), log, List.of(), Child.class);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child ends");
    List<String> out = Files.readAllLines(log);
    assertEquals(0, p.exitValue(), String.join("\n", out));
    String main = out.get(0);
    assumeTrue(Integer.parseInt(main.substring("main before ".length())) <= 4,
        "this test runs at a nice value above 4: lowering it again needs privileges");
    assertEquals(List.of("worker set true", "worker after 4", main.replace("before", "after")), out.subList(1, 4));
  }

  @Test
  void onThisJvmWithoutTheForeignFunctionApiNothingIsSet() {
    assumeTrue(Runtime.version().feature() < 22, "this JVM has the foreign function API");
    assertEquals(false, ThreadNice.set(4));
  }

  /** The child: its main thread's nice, a worker's after it set its own, the main thread's again. */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      System.out.println("main before " + nice());
      Thread worker = new Thread(() -> {
        System.out.println("worker set " + ThreadNice.set(4));
        try {
          System.out.println("worker after " + nice());
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      worker.start();
      worker.join();
      System.out.println("main after " + nice());
    }

    /** Field 19 of the calling thread's stat line (after the command name in parentheses). */
    static int nice() throws java.io.IOException {
      String stat = Files.readString(Path.of("/proc/thread-self/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Integer.parseInt(fields[16]);
    }
  }
}
