package dev.wabots.admin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class AlertsTabTest {

  @Test
  void splitsAddressesOnCommasSemicolonsAndSpaces() {
    assertEquals(List.of("a@x.org", "b@y.org", "c@z.org"), AlertsTab.addresses(" a@x.org, b@y.org;c@z.org "));
    assertEquals(List.of(), AlertsTab.addresses("  "));
  }

  @Test
  void sendsOnlyTheChosenTypesSettingsAndKeepsEmptySecrets() {
    AlertsTab tab = new AlertsTab();
    tab.setType("webhook");
    tab.setUrl("https://crm.example.org/hook");
    tab.setSecret("");
    tab.setChatId("12345");
    var input = tab.input();
    assertEquals("webhook", input.type());
    assertEquals("https://crm.example.org/hook", input.url());
    assertNull(input.secret(), "an empty secret is kept, not cleared");
    assertNull(input.chatId(), "a Telegram setting left in the form is not sent for a webhook");
    assertNull(input.host());
  }
}
