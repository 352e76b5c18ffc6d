package dev.wabots.platform;

/** The thing does not exist, or the caller may not know that it exists. */
public class NotFound extends DomainException {

  public NotFound(String what, String id) {
    super(what + " '" + id + "' not found");
  }

  @Override
  public String code() {
    return "not_found";
  }
}
