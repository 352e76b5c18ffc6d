package dev.wabots.llm.entity;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Set;

/**
 * The settings a provider create or update carries: an absent field keeps its value, a field
 * present with {@code null} (or {@code ""} for the API key and model) clears it.
 */
public final class ProviderChanges {

  private final EnumMap<ProviderField, Object> values = new EnumMap<>(ProviderField.class);

  public static ProviderChanges none() {
    return new ProviderChanges();
  }

  public ProviderChanges set(ProviderField field, Object value) {
    values.put(field, value);
    return this;
  }

  public boolean has(ProviderField field) {
    return values.containsKey(field);
  }

  public Set<ProviderField> fields() {
    return Collections.unmodifiableSet(values.keySet());
  }

  public Object raw(ProviderField field) {
    return values.get(field);
  }

  public String text(ProviderField field) {
    return (String) values.get(field);
  }

  public Boolean bool(ProviderField field) {
    return (Boolean) values.get(field);
  }

  public Long integer(ProviderField field) {
    Object v = values.get(field);
    return v == null ? null : ((Number) v).longValue();
  }
}
