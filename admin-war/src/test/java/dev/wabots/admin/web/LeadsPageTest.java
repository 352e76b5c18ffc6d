package dev.wabots.admin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wabots.leads.boundary.LeadSort;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

class LeadsPageTest {

  @Test
  void sortsByTheClickedColumnInItsDirection() {
    SortMeta quote = SortMeta.builder().field("quote").order(SortOrder.ASCENDING).build();
    assertEquals(new LeadSort(LeadSort.By.QUOTE, true), LeadsPage.sort(Map.of("quote", quote)));
    SortMeta name = SortMeta.builder().field("name").order(SortOrder.DESCENDING).build();
    assertEquals(new LeadSort(LeadSort.By.NAME, false), LeadsPage.sort(Map.of("name", name)));
  }

  @Test
  void newestActivityFirstWithoutASortOrAnUnknownColumn() {
    assertEquals(LeadSort.NEWEST_ACTIVITY, LeadsPage.sort(Map.of()));
    SortMeta odd = SortMeta.builder().field("phone").order(SortOrder.ASCENDING).build();
    assertEquals(LeadSort.NEWEST_ACTIVITY, LeadsPage.sort(Map.of("phone", odd)));
  }

  @Test
  void excelsSeparatorFollowsThePanelsLanguage() {
    assertEquals(';', LeadExport.separator("ru"));
    assertEquals(',', LeadExport.separator("en"));
  }

  @Test
  void theExportsFormatIsCsvByDefaultXlsxOnRequestAndNothingElse() {
    assertEquals(false, LeadExport.xlsx(null));
    assertEquals(false, LeadExport.xlsx("csv"));
    assertEquals(true, LeadExport.xlsx("xlsx"));
    dev.wabots.platform.Invalid refused = org.junit.jupiter.api.Assertions.assertThrows(
        dev.wabots.platform.Invalid.class, () -> LeadExport.xlsx("pdf"));
    assertEquals("format", refused.fields().get(0).field());
  }
}
