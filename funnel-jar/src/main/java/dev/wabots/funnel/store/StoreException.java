package dev.wabots.funnel.store;

/** The database could not read or write (I/O, lock time-out, corrupt file, a bad statement). */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what failed, @param cause the underlying error (may be null) */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
