package dev.wabots.instances.entity;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.io.StringReader;
import java.util.List;

/** JSON text columns of {@code whatsapp_instances}. */
public final class JsonColumns {

  private JsonColumns() {}

  /** A phone list stored as a JSON array of digit strings. */
  @Converter
  public static class Phones implements AttributeConverter<List<String>, String> {
    @Override
    public String convertToDatabaseColumn(List<String> phones) {
      var array = Json.createArrayBuilder();
      (phones == null ? List.<String>of() : phones).forEach(array::add);
      return array.build().toString();
    }

    @Override
    public List<String> convertToEntityAttribute(String text) {
      if (text == null || text.isBlank()) {
        return List.of();
      }
      try (var reader = Json.createReader(new StringReader(text))) {
        return reader.readArray().getValuesAs(JsonString.class).stream()
            .map(JsonString::getString)
            .toList();
      }
    }
  }

  /** {@link LlmParams} stored as a JSON object. */
  @Converter
  public static class Params implements AttributeConverter<LlmParams, String> {
    @Override
    public String convertToDatabaseColumn(LlmParams params) {
      return (params == null ? LlmParams.DEFAULTS : params).toJson();
    }

    @Override
    public LlmParams convertToEntityAttribute(String text) {
      if (text == null || text.isBlank()) {
        return LlmParams.DEFAULTS;
      }
      try (var reader = Json.createReader(new StringReader(text))) {
        JsonObject o = reader.readObject();
        return new LlmParams(
            o.containsKey("temperature") ? o.getJsonNumber("temperature").doubleValue() : null,
            o.containsKey("max_tokens") ? o.getJsonNumber("max_tokens").intValue() : null,
            o.containsKey("top_p") ? ((JsonNumber) o.get("top_p")).doubleValue() : null);
      }
    }
  }
}
