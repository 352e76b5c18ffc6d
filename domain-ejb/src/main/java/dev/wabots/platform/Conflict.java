package dev.wabots.platform;

import java.util.List;

/** The request clashes with existing state (a duplicate name, a port in use, …). */
public class Conflict extends DomainException {

  private final List<FieldError> fields;

  public Conflict(String message) {
    this(message, List.of());
  }

  public Conflict(String message, List<FieldError> fields) {
    super(message);
    this.fields = List.copyOf(fields);
  }

  public static Conflict onField(String field, String message) {
    return new Conflict(message, List.of(new FieldError(field, message)));
  }

  public List<FieldError> fields() {
    return fields;
  }

  @Override
  public String code() {
    return "conflict";
  }
}
