package dev.wabots.contract;

/** A contract message that cannot be read (not JSON, wrong types, a required part missing). */
public final class ContractException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ContractException(String message) {
    super(message);
  }

  public ContractException(String message, Throwable cause) {
    super(message, cause);
  }
}
