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
 * A real process offers its memory to KSM as a bot does at its start, and the kernel reports the
 * mark ({@code PR_GET_MEMORY_MERGE} and {@code /proc/self/ksm_stat}). Needs a JDK 22+ and a kernel
 * with KSM (6.4+); whether KSM runs on the machine does not matter for the mark.
 */
class MemoryMergingTest {

  @TempDir Path dir;

  @Test
  void aBotProcessIsMarkedMergeableAsAWhole() throws Exception {
    List<String> out = child(List.of());
    assertEquals("before false", out.get(0), "a fresh process is not marked: " + out);
    assertEquals("after true", out.get(1), "offer() marks it: " + out);
    assertTrue(out.contains("ksm_merge_any: yes"), "the kernel reports the whole process mergeable: " + out);
    assertTrue(out.stream().anyMatch(l -> l.contains("Memory merging (KSM): this process's pages are offered")), "logged: " + out);
  }

  @Test
  void aBotLeftOutByItsOptionsIsNotMarked() throws Exception {
    List<String> out = child(List.of("-D" + MemoryMerging.PROPERTY + "=false"));
    assertEquals(List.of("before false", "after false"), out.subList(0, 2));
    assertTrue(out.stream().anyMatch(l -> l.contains("not offered (wabots.bot.memory-merge=false)")), "logged: " + out);
  }

  @Test
  void theMachinesSettingIsDescribedForTheLog() {
    assertTrue(MemoryMerging.describe(1).startsWith("runs"));
    assertTrue(MemoryMerging.describe(0).contains("/sys/kernel/mm/ksm/run = 0"));
    assertTrue(MemoryMerging.describe(2).contains("off"));
    assertTrue(MemoryMerging.describe(-1).contains("not there"));
  }

  List<String> child(List<String> options) throws Exception {
    Optional<Path> java = ChildJava.find();
    assumeTrue(java.isPresent(), "no JDK 22 or later under /usr/lib/jvm (WABOTS_BOT_JAVA)");
    assumeTrue(Files.isDirectory(Path.of("/sys/kernel/mm/ksm")), "this kernel has no KSM");
    Path log = dir.resolve("child.log");
    Process p = ChildJava.start(java.get(), log, options, Offer.class);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child ends");
    List<String> out = Files.readAllLines(log);
    assertEquals(0, p.exitValue(), String.join("\n", out));
    assumeTrue(out.get(0).equals("supported true"), "this kernel does not know PR_SET_MEMORY_MERGE (Linux 6.4+): " + out.get(0));
    assumeTrue(out.get(1).equals("before false"), "the child inherited the mark from this test's JVM: nothing to observe");
    return out.subList(1, out.size());
  }

  /** The child: whether it is marked, offers its memory, whether it is marked now, its ksm_stat, then the log. */
  public static final class Offer {
    public static void main(String[] args) throws Throwable {
      java.io.ByteArrayOutputStream logged = new java.io.ByteArrayOutputStream();
      java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
      for (java.util.logging.Handler h : root.getHandlers()) {
        root.removeHandler(h);
      }
      java.util.logging.StreamHandler handler = new java.util.logging.StreamHandler(logged, new java.util.logging.SimpleFormatter());
      root.addHandler(handler);
      System.out.println("supported " + MemoryMerging.supported());
      System.out.println("before " + MemoryMerging.merging());
      MemoryMerging.offer();
      System.out.println("after " + MemoryMerging.merging());
      Path stat = Path.of("/proc/self/ksm_stat");
      if (Files.exists(stat)) {
        Files.readAllLines(stat).forEach(System.out::println);
      }
      handler.flush();
      System.out.print(logged.toString(java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
