package dev.wabots.bot.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LogBudgetTest {

  @Test
  void writesAFewLinesASecondAndCountsTheRestIntoTheNextLine() {
    LogBudget budget = new LogBudget(2);
    assertEquals(0, budget.take(10_000));
    assertEquals(0, budget.take(10_100));
    assertEquals(-1, budget.take(10_200));
    assertEquals(-1, budget.take(10_999));
    assertEquals(2, budget.take(11_000), "the next second's first line reports the two left out");
    assertEquals(0, budget.take(11_001));
    assertEquals(-1, budget.take(11_002));
    assertEquals(1, budget.take(15_000));
  }

  @Test
  void refusesANonPositiveBudget() {
    assertThrows(IllegalArgumentException.class, () -> new LogBudget(0));
  }
}
