package dev.wabots.platform;

/** Something the request needs does not answer now (a bot process, an upstream); try again later. */
public class Unavailable extends DomainException {

  public Unavailable(String message) {
    super(message);
  }

  @Override
  public String code() {
    return "unavailable";
  }
}
