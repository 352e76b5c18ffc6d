package dev.wabots.platform;

/**
 * Whether the application's web module has started. Payara answers {@code /health/ready} before
 * the application serves requests (503 meanwhile), so readiness also waits for this flag, which a
 * servlet context listener sets.
 */
public final class WebStarted {

  private static volatile boolean started;

  private WebStarted() {}

  public static void mark() {
    started = true;
  }

  public static boolean yes() {
    return started;
  }
}
