package dev.wabots.users.entity;

import dev.wabots.security.Role;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Roles are stored by their lower-case id, as the schema's CHECK constraint expects. */
@Converter
public class RoleColumn implements AttributeConverter<Role, String> {

  @Override
  public String convertToDatabaseColumn(Role role) {
    return role == null ? null : role.id();
  }

  @Override
  public Role convertToEntityAttribute(String text) {
    return text == null
        ? null
        : Role.parse(text).orElseThrow(() -> new IllegalStateException("unknown role " + text));
  }
}
