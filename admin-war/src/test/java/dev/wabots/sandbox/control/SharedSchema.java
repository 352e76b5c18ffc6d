package dev.wabots.sandbox.control;

import java.time.Duration;

/** Meta's schema, loaded once per test JVM from the classpath, with how long that took. */
final class SharedSchema {
  static final CloudApiSchema SCHEMA;
  static final Duration COLD_LOAD;

  static {
    long start = System.nanoTime();
    SCHEMA = CloudApiSchema.load();
    COLD_LOAD = Duration.ofNanos(System.nanoTime() - start);
  }

  private SharedSchema() {}
}
