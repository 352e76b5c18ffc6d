package dev.wabots.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessMemoryTest {

  @TempDir Path dir;

  @Test
  void readsResidentAndProportionalSetsOfAProcess() throws Exception {
    Files.createDirectories(dir.resolve("proc/4242"));
    Files.writeString(dir.resolve("proc/4242/smaps_rollup"), """
        00400000-7ffd3b5f2000 ---p 00000000 00:00 0                              [rollup]
        Rss:              251904 kB
        Pss:              155648 kB
        Pss_Dirty:        120000 kB
        Shared_Clean:      57000 kB
        """);
    ProcessMemory memory = new ProcessMemory(dir.resolve("proc"), dir.resolve("ksm"));
    assertEquals(new ProcessMemory.Usage(251904, 155648), memory.of(4242).orElseThrow());
    assertTrue(memory.of(4243).isEmpty(), "a process that is gone");
    assertTrue(memory.of(0).isEmpty());
  }

  @Test
  void describesTheMachinesSamePageMerging() throws Exception {
    ProcessMemory memory = new ProcessMemory(dir.resolve("proc"), dir.resolve("ksm"));
    assertEquals("absent", memory.ksm().state(), "a kernel without KSM");
    Files.createDirectories(dir.resolve("ksm"));
    Files.writeString(dir.resolve("ksm/run"), "0\n");
    assertEquals(new ProcessMemory.Ksm(0, 0, 0), memory.ksm());
    assertEquals("off", memory.ksm().state());
    Files.writeString(dir.resolve("ksm/run"), "1\n");
    Files.writeString(dir.resolve("ksm/pages_sharing"), "85000\n");
    Files.writeString(dir.resolve("ksm/full_scans"), "3\n");
    ProcessMemory.Ksm running = memory.ksm();
    assertEquals("running", running.state());
    assertEquals(332, running.savedMb(), "85 000 pages of 4 KiB");
    assertEquals(3, running.fullScans());
    Files.writeString(dir.resolve("ksm/run"), "2\n");
    assertEquals("off", memory.ksm().state(), "2 stops and unmerges");
  }

  @Test
  void readsThisProcessFromTheRealProc() {
    ProcessMemory.Usage self = new ProcessMemory().of(ProcessHandle.current().pid()).orElseThrow();
    assertTrue(self.rssKb() > 1024 && self.pssKb() > 0 && self.pssKb() <= self.rssKb(), self.toString());
  }
}
