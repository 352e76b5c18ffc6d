package dev.wabots.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.metrics.control.Exposition;
import org.junit.jupiter.api.Test;

/** The strict parser accepts what the writer writes and refuses what the format forbids. */
class PrometheusTextTest {

  @Test
  void whatTheWriterWritesParsesWithEscapesAndAHistogram() {
    Exposition out = new Exposition();
    out.family("wabots_x_total", Exposition.Type.COUNTER, "a \\ back\nslash")
        .sample(3, "bot", "a\"b\\c\nd", "type", "text");
    out.family("wabots_lat_seconds", Exposition.Type.HISTOGRAM, "latency")
        .sampleOf("_bucket", 1, "bot", "a", "le", "0.5")
        .sampleOf("_bucket", 2, "bot", "a", "le", "+Inf")
        .sampleOf("_sum", 1.25, "bot", "a")
        .sampleOf("_count", 2, "bot", "a");
    PrometheusText.Scrape s = PrometheusText.parse(out.text());
    assertEquals(3, s.value("wabots_x_total", "bot", "a\"b\\c\nd", "type", "text"));
    assertEquals(1.25, s.value("wabots_lat_seconds_sum", "bot", "a"));
    assertEquals("histogram", s.types().get("wabots_lat_seconds"));
  }

  @Test
  void refusesWhatTheFormatForbids() {
    String[] bad = {
        "x 1", // no line feed at the end
        "x{a=\"1\"} 1\ny 2\nx{a=\"2\"} 3\n", // a family interleaved
        "x{a=\"\\t\"} 1\n", // an escape the format does not have
        "x{a=\"1\",a=\"2\"} 1\n", // a label twice
        "x 1\nx 2\n", // a series twice
        "x one\n", // not a number
        "# TYPE x counter\n# TYPE x counter\nx 1\n", // TYPE twice
        "x 1\n# TYPE x counter\n", // TYPE after the samples
        "# TYPE x counter\nx -1\n", // a counter below zero
        "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_count 1\n", // no +Inf bucket
        "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n", // buckets decrease
        "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 3\n", // count differs
        "1x 1\n", // a bad name
        "x{__a=\"1\"} 1\n", // a reserved label name
    };
    for (String text : bad) {
      assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse(text), text);
    }
    assertTrue(PrometheusText.parse("# a comment\n\nx{a=\"1\",} 1 1700000000000\ny NaN\nz +Inf\n").has("y"));
  }
}
