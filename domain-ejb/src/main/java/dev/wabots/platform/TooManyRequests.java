package dev.wabots.platform;

/** A rate limit was hit; {@link #retryAfterSeconds()} says when to try again. */
public class TooManyRequests extends DomainException {

  private final long retryAfterSeconds;

  public TooManyRequests(String message, long retryAfterSeconds) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  @Override
  public String code() {
    return "too_many_requests";
  }
}
