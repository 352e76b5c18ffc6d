package dev.wabots.leads.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LeadSortTest {

  @Test
  void newestActivityFirstByDefault() {
    assertEquals(" ORDER BY l.lastAt DESC, l.id DESC", LeadSort.NEWEST_ACTIVITY.orderBy());
  }

  @Test
  void quoteSortsByLowThenHighInTheChosenDirection() {
    assertEquals(" ORDER BY l.quoteLow ASC, l.quoteHigh ASC, l.id DESC",
        new LeadSort(LeadSort.By.QUOTE, true).orderBy());
  }

  @Test
  void refusesAMissingColumn() {
    assertThrows(NullPointerException.class, () -> new LeadSort(null, true));
  }
}
