package dev.wabots.platform;

/** The caller is known but their role does not allow this. */
public class Forbidden extends DomainException {

  public Forbidden(String message) {
    super(message);
  }

  @Override
  public String code() {
    return "forbidden";
  }
}
