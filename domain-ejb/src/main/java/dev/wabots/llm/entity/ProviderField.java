package dev.wabots.llm.entity;

import java.util.Arrays;
import java.util.Optional;

/** Every setting of a stored provider, with its JSON name and the JSON type it takes. */
public enum ProviderField {
  NAME("name", Type.TEXT),
  TYPE("type", Type.TEXT),
  BASE_URL("base_url", Type.TEXT),
  MODEL("model", Type.TEXT),
  API_KEY("api_key", Type.TEXT),
  ENABLED("enabled", Type.BOOLEAN),
  ACCEPTS_IMAGES("accepts_images", Type.BOOLEAN),
  OWNER_ID("owner_id", Type.INTEGER);

  /** The JSON shape a field takes. */
  public enum Type {
    TEXT,
    BOOLEAN,
    INTEGER
  }

  private final String json;
  private final Type type;

  ProviderField(String json, Type type) {
    this.json = json;
    this.type = type;
  }

  public String json() {
    return json;
  }

  public Type type() {
    return type;
  }

  public static Optional<ProviderField> byJson(String name) {
    return Arrays.stream(values()).filter(f -> f.json.equals(name)).findFirst();
  }
}
