package dev.wabots.leads.boundary;

import java.util.Objects;

/**
 * How a list of leads is ordered: by one of the columns people sort by, ascending or descending;
 * ties newest lead first.
 */
public record LeadSort(By by, boolean ascending) {

  /** The default: newest activity first. */
  public static final LeadSort NEWEST_ACTIVITY = new LeadSort(By.LAST_ACTIVITY, false);

  /** The columns a list of leads can be sorted by. */
  public enum By {
    LAST_ACTIVITY("l.lastAt"),
    FIRST_SEEN("l.firstAt"),
    NAME("l.name"),
    STATUS("l.status"),
    QUOTE("l.quoteLow", "l.quoteHigh");

    private final String[] paths;

    By(String... paths) {
      this.paths = paths;
    }
  }

  public LeadSort {
    Objects.requireNonNull(by, "by");
  }

  /** The JPQL {@code ORDER BY} clause for leads aliased {@code l}. */
  String orderBy() {
    String direction = ascending ? " ASC" : " DESC";
    StringBuilder clause = new StringBuilder(" ORDER BY ");
    for (String path : by.paths) {
      clause.append(path).append(direction).append(", ");
    }
    return clause.append("l.id DESC").toString();
  }
}
