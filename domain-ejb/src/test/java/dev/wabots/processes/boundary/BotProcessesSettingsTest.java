package dev.wabots.processes.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BotProcessesSettingsTest {

  @Test
  void readsWholeSecondsAndReplacesAnythingElseWithTheDefault() {
    assertEquals(45, BotProcesses.seconds("WABOTS_BOT_DEPLOY_GRACE_SECONDS", " 45 ", 30));
    assertEquals(30, BotProcesses.seconds("WABOTS_BOT_DEPLOY_GRACE_SECONDS", "30s", 30));
    assertEquals(30, BotProcesses.seconds("WABOTS_BOT_DEPLOY_GRACE_SECONDS", "0", 30));
    assertEquals(30, BotProcesses.seconds("WABOTS_BOT_DEPLOY_GRACE_SECONDS", "-5", 30));
    assertEquals(180, BotProcesses.seconds("WABOTS_BOT_READY_TIMEOUT_SECONDS", "", 180));
    assertEquals(180, BotProcesses.seconds("WABOTS_BOT_READY_TIMEOUT_SECONDS", null, 180));
  }

  @Test
  void readsHowManyBotsBootAtOnce() {
    assertEquals(4, BotProcesses.count("WABOTS_BOT_START_PARALLEL", "4", 2));
    assertEquals(2, BotProcesses.count("WABOTS_BOT_START_PARALLEL", "four", 2));
    assertEquals(2, BotProcesses.count("WABOTS_BOT_START_PARALLEL", "0", 2));
  }

  @Test
  void readsWhetherToKeepAPreStartedSpare() {
    assertEquals(true, BotProcesses.sparesWanted("1"));
    assertEquals(true, BotProcesses.sparesWanted(" 1 "));
    assertEquals(false, BotProcesses.sparesWanted("0"));
    assertEquals(false, BotProcesses.sparesWanted("2"), "one spare at most: a mistyped value means none");
    assertEquals(false, BotProcesses.sparesWanted("yes"));
    assertEquals(false, BotProcesses.sparesWanted(null));
  }
}
