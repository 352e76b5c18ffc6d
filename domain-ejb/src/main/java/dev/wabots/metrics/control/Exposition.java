package dev.wabots.metrics.control;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes the Prometheus text exposition format (version 0.0.4): per family one {@code # HELP}
 * and one {@code # TYPE} line, then all of its samples together; label values escaped, numbers
 * as Go writes them ({@code +Inf}, {@code NaN}). Names are checked: a wrong one is a bug here.
 */
public final class Exposition {

  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private final StringBuilder out = new StringBuilder(8192);
  private final Set<String> written = new HashSet<>();

  /** The metric types used here. */
  public enum Type {
    COUNTER, GAUGE, HISTOGRAM;

    String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Starts a family; every sample written through it must follow before the next family starts. */
  public Family family(String name, Type type, String help) {
    if (!NAME.matcher(name).matches() || !written.add(name)) {
      throw new IllegalArgumentException("bad or repeated metric name: " + name);
    }
    out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type.id()).append('\n');
    return new Family(name);
  }

  public String text() {
    return out.toString();
  }

  /** One family being written. */
  public final class Family {
    private final String name;

    Family(String name) {
      this.name = name;
    }

    /** A sample of the family itself, with labels given as name, value, name, value … */
    public Family sample(double value, String... labels) {
      return sampleOf("", value, labels);
    }

    /** A sample with a suffix ({@code _bucket}, {@code _sum}, {@code _count} of a histogram). */
    public Family sampleOf(String suffix, double value, String... labels) {
      if (labels.length % 2 != 0) {
        throw new IllegalArgumentException("labels come in pairs");
      }
      out.append(name).append(suffix);
      if (labels.length > 0) {
        out.append('{');
        for (int i = 0; i < labels.length; i += 2) {
          if (!LABEL.matcher(labels[i]).matches()) {
            throw new IllegalArgumentException("bad label name: " + labels[i]);
          }
          out.append(i == 0 ? "" : ",").append(labels[i]).append("=\"").append(escape(labels[i + 1])).append('"');
        }
        out.append('}');
      }
      out.append(' ').append(number(value)).append('\n');
      return this;
    }
  }

  static String escape(String value) {
    String v = value == null ? "" : value;
    StringBuilder b = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '"' -> b.append("\\\"");
        case '\n' -> b.append("\\n");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
