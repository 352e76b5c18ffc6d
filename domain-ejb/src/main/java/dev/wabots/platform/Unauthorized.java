package dev.wabots.platform;

/** Credentials are missing or wrong. The message never says which part was wrong. */
public class Unauthorized extends DomainException {

  public Unauthorized(String message) {
    super(message);
  }

  @Override
  public String code() {
    return "unauthorized";
  }
}
