package dev.wabots.funnel;

/** The funnel store could not read or write (I/O, lock timeout, corrupt file). */
public final class FunnelStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what failed, @param cause the underlying error */
  public FunnelStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
