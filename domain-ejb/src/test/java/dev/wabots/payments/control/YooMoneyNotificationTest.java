package dev.wabots.payments.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YooMoneyNotificationTest {

  /** YooMoney's documented field order; the hash computed outside Java (Python's hashlib). */
  static final String FORM = "notification_type=p2p-incoming&operation_id=1234567&amount=300.00"
      + "&withdraw_amount=301.50&currency=643&datetime=2011-07-01T09%3A00%3A00.000%2B04%3A00&sender=41001XXXXXXXX"
      + "&codepro=false&label=shop%3A79001234567&sha1_hash=eb8dbb9cb47a75f937b4f9997ccee8d67cc0efcd"
      + "&test_notification=false&unaccepted=false";
  static final String SECRET = "01234567890ABCDEF01234567890";

  @Test
  void verifiesTheHashAsYooMoneyComputesIt() {
    YooMoneyNotification n = YooMoneyNotification.parse(YooMoneyNotification.form(FORM)).notification();
    assertTrue(n.signedWith(SECRET));
    assertFalse(n.signedWith(SECRET + "x"));
    assertFalse(n.signedWith(""), "no secret signs nothing");
    assertFalse(n.signedWith(null));
    assertEquals(new BigDecimal("301.50"), n.paid(), "what the payer paid, before the fee");
    assertArrayEquals(new String[] {"shop", "79001234567"}, n.botAndPhone().orElseThrow());
    assertTrue(n.credited());
  }

  @Test
  void anyChangedFieldBreaksTheHash() {
    for (String[] change : List.of(new String[] {"amount=300.00", "amount=3000.00"},
        new String[] {"label=shop%3A79001234567", "label=shop%3A79001234568"},
        new String[] {"operation_id=1234567", "operation_id=1234568"})) {
      YooMoneyNotification n = YooMoneyNotification.parse(YooMoneyNotification.form(FORM.replace(change[0], change[1])))
          .notification();
      assertFalse(n.signedWith(SECRET), change[1]);
    }
  }

  @Test
  void namesEveryMissingOrMalformedField() {
    YooMoneyNotification.Parsed parsed = YooMoneyNotification.parse(Map.of("amount", "12,5", "sha1_hash", "zz"));
    assertNull(parsed.notification());
    List<String> fields = parsed.problems().stream().map(p -> p.substring(0, p.indexOf(':'))).toList();
    assertTrue(fields.containsAll(List.of("notification_type", "operation_id", "currency", "datetime", "sender",
        "codepro", "amount", "sha1_hash")), parsed.problems().toString());
    assertThrows(IllegalArgumentException.class, () -> YooMoneyNotification.form("amount=1&amount=2"));
  }

  @Test
  void aFrozenOrProtectedPaymentIsNotCreditedAndALabelWithoutAPhoneNamesNoLead() {
    YooMoneyNotification n = YooMoneyNotification.parse(YooMoneyNotification.form(
        FORM.replace("unaccepted=false", "unaccepted=true").replace("label=shop%3A79001234567", "label=gift")))
        .notification();
    assertFalse(n.credited());
    assertTrue(n.botAndPhone().isEmpty());
  }
}
