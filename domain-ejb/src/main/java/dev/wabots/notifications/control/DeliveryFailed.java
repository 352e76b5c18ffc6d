package dev.wabots.notifications.control;

/**
 * A delivery that did not go through, with a reason people can act on (never a remote page).
 *
 * @param retryable whether trying again later can help (a timeout, a 5xx) or not (a refused token)
 */
public final class DeliveryFailed extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean retryable;

  public DeliveryFailed(String message, boolean retryable) {
    super(message, null, false, false);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
