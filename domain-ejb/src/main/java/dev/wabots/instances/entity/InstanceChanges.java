package dev.wabots.instances.entity;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings a create or update carries. A field that is absent keeps its value; a field
 * present with {@code null} clears it (where clearing is allowed). Values are already of the
 * field's JSON type: String, Boolean, Long, {@code Map<String, Object>} or {@code List<String>}.
 */
public final class InstanceChanges {

  private final EnumMap<InstanceField, Object> values = new EnumMap<>(InstanceField.class);

  public static InstanceChanges none() {
    return new InstanceChanges();
  }

  public InstanceChanges set(InstanceField field, Object value) {
    values.put(field, value);
    return this;
  }

  public InstanceChanges without(InstanceField field) {
    values.remove(field);
    return this;
  }

  public boolean has(InstanceField field) {
    return values.containsKey(field);
  }

  public Set<InstanceField> fields() {
    return Collections.unmodifiableSet(values.keySet());
  }

  public Object raw(InstanceField field) {
    return values.get(field);
  }

  public String text(InstanceField field) {
    return (String) values.get(field);
  }

  public Boolean bool(InstanceField field) {
    return (Boolean) values.get(field);
  }

  public Long integer(InstanceField field) {
    Object v = values.get(field);
    return v == null ? null : ((Number) v).longValue();
  }

  @SuppressWarnings("unchecked")
  public List<String> list(InstanceField field) {
    return (List<String>) values.get(field);
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> object(InstanceField field) {
    return (Map<String, Object>) values.get(field);
  }
}
