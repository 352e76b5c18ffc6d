package dev.wabots.platform;

/** A route exists but the capability behind it is not built yet. */
public class NotImplemented extends DomainException {

  public NotImplemented(String message) {
    super(message);
  }

  @Override
  public String code() {
    return "not_implemented";
  }
}
