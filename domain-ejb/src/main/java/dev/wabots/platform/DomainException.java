package dev.wabots.platform;

import jakarta.ejb.ApplicationException;

/**
 * A business rule said no. Thrown from the domain services, rolled back, and mapped to an HTTP
 * status exactly once, by the REST layer (the panel shows the message instead).
 */
@ApplicationException(rollback = true)
public abstract class DomainException extends RuntimeException {

  protected DomainException(String message) {
    super(message, null, false, false);
  }

  /** A stable machine-readable code, e.g. {@code not_found}. */
  public abstract String code();
}
