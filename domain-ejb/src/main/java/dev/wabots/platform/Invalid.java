package dev.wabots.platform;

import java.util.List;
import java.util.stream.Collectors;

/** Input broke one or more rules; every bad field is listed with the reason. */
public class Invalid extends DomainException {

  private final List<FieldError> fields;

  public Invalid(List<FieldError> fields) {
    super(
        fields.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; ")));
    this.fields = List.copyOf(fields);
  }

  public static Invalid of(String field, String message) {
    return new Invalid(List.of(new FieldError(field, message)));
  }

  public List<FieldError> fields() {
    return fields;
  }

  @Override
  public String code() {
    return "invalid";
  }
}
