package dev.wabots.llm.control;

import java.util.Locale;

/** Why an upstream model call failed, as bots, admins and usage figures see it. */
public enum ErrorKind {
  /** Key missing, wrong, revoked or without permission (401/403, or the service's error body). */
  AUTH,
  /** Too many requests or quota exhausted (429, RESOURCE_EXHAUSTED, rate_limit_error). */
  RATE_LIMIT,
  /** No answer within the read timeout (or a 408/504 from the service). */
  TIMEOUT,
  /** The service failed (5xx, Anthropic's 529 overloaded). */
  SERVER,
  /** The service refused the request itself (400/404/422: unknown model, blocked prompt …). */
  BAD_REQUEST,
  /** Nothing listens there (connection refused, unknown host). */
  UNREACHABLE,
  /** The orchestrator cannot even try: no key configured, provider missing or disabled. */
  CONFIG,
  /**
   * The provider's address is not one it may use: a non-admin chose it and it resolves to a
   * loopback, private, link-local or multicast address. Nothing was sent.
   */
  BLOCKED,
  /**
   * Not called: the backend failed again and again, and its circuit breaker lets no call through
   * until its cool-down is over ({@link Circuit}).
   */
  CIRCUIT_OPEN,
  /** Anything else: an unexpected status or an answer we cannot read. */
  OTHER;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind an HTTP status implies before the error body is read. */
  public static ErrorKind ofStatus(int status) {
    if (status == 401 || status == 403) {
      return AUTH;
    }
    if (status == 429) {
      return RATE_LIMIT;
    }
    if (status == 408 || status == 504) {
      return TIMEOUT;
    }
    if (status >= 500) {
      return SERVER;
    }
    if (status == 400 || status == 404 || status == 409 || status == 413 || status == 422) {
      return BAD_REQUEST;
    }
    return OTHER;
  }
}
