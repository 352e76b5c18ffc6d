package dev.wabots.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wabots.platform.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserRulesTest {

  static String problem(String password, String username) {
    List<FieldError> errors = UserRules.checkPassword("password", password, username);
    return errors.isEmpty() ? null : errors.get(0).message();
  }

  @Test
  void refusesPasswordsShorterThanTenCharacters() {
    assertEquals("must be at least 10 characters", problem("12345678", "ann"));
    assertEquals("must be at least 10 characters", problem("pässwörd9", "ann"));
    assertEquals(null, problem("correct-horse", "ann"));
  }

  @Test
  void refusesTheUserNameHoweverItIsDecorated() {
    assertEquals("must not be the user name", problem("t2user-long", "t2user-long"));
    assertEquals("must not be the user name", problem("Operator2024!", "operator"));
    assertEquals("must not be the user name", problem("  ADMIN12345 ", "admin"));
    assertEquals("must not be the user name", problem("ops-2024!!", "ops-2024"), "a name that ends in digits");
    assertEquals(null, problem("operator-password", "operator"), "more than the name plus digits");
  }

  @Test
  void refusesCommonPasswordsIgnoringCaseAndTrailingDigits() {
    for (String weak : List.of("password", "PASSWORD12", "Password2024!", "qwertyuiop", "1234567890", "1q2w3e4r5t",
        "iloveyou123", "йцукенгшщз", "Пароль12345", "aaaaaaaaaaaa")) {
      assertEquals("is a commonly used password; choose another", problem(weak + (weak.length() < 10 ? "0".repeat(10) : ""), "ann"), weak);
    }
    assertEquals(null, problem("password-ann-blue", "ann"), "a common word inside a longer phrase is fine");
  }

  @Test
  void stillRefusesBlankAndOverlongPasswords() {
    assertEquals("is required", problem("", "ann"));
    assertEquals("must not be only spaces", problem(" ".repeat(12), "ann"));
    assertEquals("must be at most 128 characters", problem("x".repeat(129), "ann"));
  }
}
