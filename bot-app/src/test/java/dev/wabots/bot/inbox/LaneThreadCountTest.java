package dev.wabots.bot.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LaneThreadCountTest {

  @Test
  void withoutTheSettingABotWorksSixteenLanesAtOnce() {
    assertEquals(16, Processor.laneThreadCount(null));
    assertEquals(16, Processor.laneThreadCount(" "));
  }

  @Test
  void theSettingChoosesFromOneToSixtyFour() {
    assertEquals(6, Processor.laneThreadCount("6"));
    assertEquals(1, Processor.laneThreadCount(" 1 "));
    assertEquals(64, Processor.laneThreadCount("64"));
  }

  @Test
  void aSettingOutOfRangeOrNotANumberLeavesTheDefault() {
    assertEquals(16, Processor.laneThreadCount("0"));
    assertEquals(16, Processor.laneThreadCount("65"));
    assertEquals(16, Processor.laneThreadCount("-3"));
    assertEquals(16, Processor.laneThreadCount("six"));
  }

  @Test
  void lanesRunAtTheProcesssPriorityUnlessTheSettingSaysFromOneToNineteen() {
    assertEquals(0, Processor.laneNice(null));
    assertEquals(4, Processor.laneNice("4"));
    assertEquals(19, Processor.laneNice(" 19 "));
    assertEquals(0, Processor.laneNice("20"));
    assertEquals(0, Processor.laneNice("-5"), "a higher priority than the process's needs privileges: not ours to ask");
    assertEquals(0, Processor.laneNice("low"));
  }
}
