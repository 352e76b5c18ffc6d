package dev.wabots.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, as its specification states it
 * (prometheus.io/docs/instrumenting/exposition_formats): metric and label name syntax, label value
 * escapes ({@code \\ \" \n} only), Go float values, at most one HELP and one TYPE per family with
 * TYPE before its first sample, the samples of a family together, no series twice; and for
 * histograms an {@code le} on every bucket, buckets not decreasing, a {@code +Inf} bucket equal to
 * {@code _count}. Anything else is an {@link IllegalArgumentException} naming the line.
 */
public final class PrometheusText {

  static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  static final Pattern FLOAT = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?|[+-]?Inf|NaN");
  static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

  /** One sample line. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  /** The whole scrape: families' types and every sample in order. */
  public record Scrape(Map<String, String> types, List<Sample> samples) {

    /** The one sample with exactly these labels (name, value, …); fails when absent. */
    public double value(String name, String... labels) {
      Map<String, String> want = new TreeMap<>();
      for (int i = 0; i < labels.length; i += 2) {
        want.put(labels[i], labels[i + 1]);
      }
      return samples.stream().filter(s -> s.name().equals(name) && new TreeMap<>(s.labels()).equals(want))
          .findFirst().orElseThrow(() -> new AssertionError("no sample " + name + want)).value();
    }

    public boolean has(String name, String... labels) {
      try {
        value(name, labels);
        return true;
      } catch (AssertionError e) {
        return false;
      }
    }
  }

  public static Scrape parse(String text) {
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException("the last line must end with a line feed");
    }
    Map<String, String> types = new LinkedHashMap<>();
    Set<String> helps = new HashSet<>();
    Set<String> finished = new HashSet<>();
    Set<String> sampled = new HashSet<>();
    Set<String> series = new HashSet<>();
    List<Sample> samples = new ArrayList<>();
    String current = null;
    String[] lines = text.split("\n", -1);
    for (int n = 0; n < lines.length - 1; n++) {
      String line = lines[n];
      String where = "line " + (n + 1) + ": " + line;
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("#")) {
        String[] parts = line.split(" ", 4);
        if (parts.length >= 3 && (parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
          String family = parts[2];
          need(NAME.matcher(family).matches(), "bad metric name", where);
          if (parts[1].equals("HELP")) {
            need(helps.add(family), "a second HELP", where);
            checkHelp(parts.length == 4 ? parts[3] : "", where);
          } else {
            need(parts.length == 4 && TYPES.contains(parts[3]), "unknown type", where);
            need(!types.containsKey(family), "a second TYPE", where);
            need(!sampled.contains(family), "TYPE after the family's samples", where);
            types.put(family, parts[3]);
          }
          if (!family.equals(current)) {
            need(!finished.contains(family), "family " + family + " continued after another began", where);
            if (current != null) {
              finished.add(current);
            }
            current = family;
          }
        }
        continue; // any other # line is a comment
      }
      Sample s = sample(line, where);
      String family = familyOf(s.name(), types);
      if (!family.equals(current)) {
        need(!finished.contains(family), "family " + family + " continued after another began", where);
        if (current != null) {
          finished.add(current);
        }
        current = family;
      }
      sampled.add(family);
      need(series.add(s.name() + new TreeMap<>(s.labels())), "the same series twice", where);
      String type = types.getOrDefault(family, "untyped");
      if (type.equals("counter")) {
        need(s.value() >= 0, "a counter below zero", where);
      }
      if (type.equals("histogram")) {
        need(!s.name().equals(family), "a histogram sample needs _bucket, _sum or _count", where);
        if (s.name().endsWith("_bucket")) {
          need(s.labels().containsKey("le") && FLOAT.matcher(s.labels().get("le")).matches(), "a bucket needs le", where);
        }
      }
      samples.add(s);
    }
    checkHistograms(types, samples);
    return new Scrape(types, samples);
  }

  static String familyOf(String name, Map<String, String> types) {
    for (String suffix : List.of("_bucket", "_sum", "_count")) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        String t = types.get(base);
        if ("histogram".equals(t) || ("summary".equals(t) && !suffix.equals("_bucket"))) {
          return base;
        }
      }
    }
    return name;
  }

  static Sample sample(String line, String where) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    String name = line.substring(0, i);
    need(NAME.matcher(name).matches(), "bad metric name", where);
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (true) {
        need(i < line.length(), "unterminated labels", where);
        if (line.charAt(i) == '}') {
          i++;
          break;
        }
        int start = i;
        while (i < line.length() && line.charAt(i) != '=') {
          i++;
        }
        String label = line.substring(start, i);
        need(LABEL.matcher(label).matches() && !label.startsWith("__"), "bad label name '" + label + "'", where);
        need(i + 1 < line.length() && line.charAt(i + 1) == '"', "a label value must be quoted", where);
        i += 2;
        StringBuilder v = new StringBuilder();
        while (true) {
          need(i < line.length(), "unterminated label value", where);
          char c = line.charAt(i++);
          if (c == '"') {
            break;
          }
          if (c == '\\') {
            need(i < line.length(), "a lone backslash", where);
            char e = line.charAt(i++);
            switch (e) {
              case '\\' -> v.append('\\');
              case '"' -> v.append('"');
              case 'n' -> v.append('\n');
              default -> throw new IllegalArgumentException("bad escape \\" + e + " — " + where);
            }
          } else {
            v.append(c);
          }
        }
        need(labels.put(label, v.toString()) == null, "label " + label + " twice", where);
        need(i < line.length(), "unterminated labels", where);
        if (line.charAt(i) == ',') {
          i++;
        } else {
          need(line.charAt(i) == '}', "expected , or }", where);
        }
      }
    }
    need(i < line.length() && line.charAt(i) == ' ', "a space before the value", where);
    String[] rest = line.substring(i + 1).split(" ", -1);
    need(rest.length == 1 || rest.length == 2, "value [timestamp] expected", where);
    need(FLOAT.matcher(rest[0]).matches(), "bad value '" + rest[0] + "'", where);
    if (rest.length == 2) {
      need(rest[1].matches("-?\\d+"), "bad timestamp", where);
    }
    return new Sample(name, labels, parseFloat(rest[0]));
  }

  static double parseFloat(String v) {
    return switch (v) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(v);
    };
  }

  static void checkHelp(String help, String where) {
    for (int i = 0; i < help.length(); i++) {
      if (help.charAt(i) == '\\') {
        need(i + 1 < help.length() && (help.charAt(i + 1) == '\\' || help.charAt(i + 1) == 'n'), "bad escape in HELP", where);
        i++;
      }
    }
  }

  static void checkHistograms(Map<String, String> types, List<Sample> samples) {
    types.forEach((family, type) -> {
      if (!type.equals("histogram")) {
        return;
      }
      Map<Map<String, String>, TreeMap<Double, Double>> buckets = new HashMap<>();
      Map<Map<String, String>, Double> counts = new HashMap<>();
      for (Sample s : samples) {
        Map<String, String> key = new TreeMap<>(s.labels());
        if (s.name().equals(family + "_bucket")) {
          double le = parseFloat(key.remove("le"));
          buckets.computeIfAbsent(key, k -> new TreeMap<>()).put(le, s.value());
        } else if (s.name().equals(family + "_count")) {
          counts.put(key, s.value());
        }
      }
      buckets.forEach((key, byLe) -> {
        need(byLe.containsKey(Double.POSITIVE_INFINITY), "no +Inf bucket", family + key);
        double last = -1;
        for (double v : byLe.values()) {
          need(v >= last, "buckets decrease", family + key);
          last = v;
        }
        need(counts.containsKey(key) && counts.get(key).equals(byLe.get(Double.POSITIVE_INFINITY)),
            "_count differs from the +Inf bucket", family + key);
      });
      counts.keySet().forEach(key -> need(buckets.containsKey(key), "_count without buckets", family + key));
    });
  }

  private static void need(boolean ok, String what, String where) {
    if (!ok) {
      throw new IllegalArgumentException(what + " — " + where);
    }
  }

  private PrometheusText() {}
}
