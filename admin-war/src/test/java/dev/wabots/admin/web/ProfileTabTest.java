package dev.wabots.admin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileTabTest {

  static Map<String, String> form(Map<String, Object> own) {
    Map<String, String> values = new HashMap<>();
    own.forEach((k, v) -> values.put(k, v == null ? null : v.toString()));
    return values;
  }

  @Test
  void sendsNothingWhenNothingChanged() {
    Map<String, Object> own = Map.of("contact_email", "a@b.org");
    List<ProfileTab.Price> prices = List.of(new ProfileTab.Price("base", "Base", 1000L));
    assertTrue(ProfileTab.changes(own, form(own), null, Map.of("base", 1000), prices).isEmpty());
  }

  @Test
  void sendsOnlyChangedFieldsAnEmptiedOneAsEmptyAndATypedSecret() {
    Map<String, Object> own = Map.of("contact_email", "a@b.org", "working_hours", "9-18");
    Map<String, String> values = form(own);
    values.put("contact_email", " new@b.org ");
    values.put("working_hours", "");
    values.put("docs_url", "https://docs.example.org");
    var changes = ProfileTab.changes(own, values, "s3cret", Map.of(), List.of());
    assertEquals(Map.of("contact_email", "new@b.org", "working_hours", "", "docs_url", "https://docs.example.org",
        "yoomoney_secret", "s3cret"), changes);
  }

  @Test
  void sendsOnlyPricesThatDifferFromTheEffectiveOnes() {
    ProfileTab.Price base = new ProfileTab.Price("base", "Base", 1000L);
    ProfileTab.Price vps = new ProfileTab.Price("vps_month", "VPS", 500L);
    vps.setAmount(700L);
    var changes = ProfileTab.changes(Map.of(), Map.of(), "", Map.of("base", 1000, "vps_month", 500), List.of(base, vps));
    assertEquals(Map.of("prices", Map.of("vps_month", 700L)), changes);
  }
}
