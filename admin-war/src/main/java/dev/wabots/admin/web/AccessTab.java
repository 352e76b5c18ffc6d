package dev.wabots.admin.web;

import dev.wabots.instances.boundary.InstanceView;
import dev.wabots.instances.control.InstanceRules;
import dev.wabots.instances.entity.InstanceChanges;
import dev.wabots.instances.entity.InstanceField;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Access tab: allowed and blocked phone numbers. Pasted lists are split on commas, semicolons,
 * line breaks and, between whole numbers, spaces ({@code +7 900 123-45-67} stays one number); the
 * domain then checks each and normalises it to E.164 digits.
 */
@Named
@ViewScoped
public class AccessTab extends BotTab {

  private static final long serialVersionUID = 1L;
  private static final Pattern SEPARATORS = Pattern.compile("[,;\\r\\n]+");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private List<String> allowedPhones = new ArrayList<>();
  private List<String> blockedPhones = new ArrayList<>();

  @Override
  protected void fill(InstanceView b) {
    allowedPhones = new ArrayList<>(b.allowedPhones());
    blockedPhones = new ArrayList<>(b.blockedPhones());
  }

  public void save() {
    InstanceChanges c = InstanceChanges.none();
    diff(c, InstanceField.ALLOWED_PHONES, split(allowedPhones), bot.allowedPhones());
    diff(c, InstanceField.BLOCKED_PHONES, split(blockedPhones), bot.blockedPhones());
    save(c);
  }

  /** Every number in what was typed or pasted into the chips, in order. */
  static List<String> split(List<String> chips) {
    List<String> numbers = new ArrayList<>();
    if (chips == null) {
      return numbers;
    }
    for (String chip : chips) {
      for (String piece : SEPARATORS.split(chip)) {
        String p = piece.strip();
        if (!p.isEmpty()) {
          numbers.addAll(spaced(List.of(SPACES.split(p))));
        }
      }
    }
    return numbers;
  }

  /**
   * Words of one line as numbers: from each word on, the longest run of words that reads as one
   * number ({@code +7 900 123-45-67}); a word that starts none stays alone for the domain to name.
   */
  private static List<String> spaced(List<String> words) {
    List<String> numbers = new ArrayList<>();
    int i = 0;
    while (i < words.size()) {
      int end = i + 1;
      for (int j = words.size(); j > i; j--) {
        if (InstanceRules.phoneDigits(String.join(" ", words.subList(i, j))) != null) {
          end = j;
          break;
        }
      }
      numbers.add(String.join(" ", words.subList(i, end)));
      i = end;
    }
    return numbers;
  }

  public List<String> getAllowedPhones() {
    return allowedPhones;
  }

  public void setAllowedPhones(List<String> allowedPhones) {
    this.allowedPhones = allowedPhones;
  }

  public List<String> getBlockedPhones() {
    return blockedPhones;
  }

  public void setBlockedPhones(List<String> blockedPhones) {
    this.blockedPhones = blockedPhones;
  }
}
