package dev.wabots.admin.rest;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/** Responses use the seed's snake_case names ({@code phone_number_id}) and show nulls. */
@Provider
public class JsonNaming implements ContextResolver<Jsonb> {

  private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig()
      .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
      .withNullValues(true));

  @Override
  public Jsonb getContext(Class<?> type) {
    return jsonb;
  }
}
