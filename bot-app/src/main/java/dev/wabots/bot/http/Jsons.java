package dev.wabots.bot.http;

import jakarta.json.spi.JsonProvider;

/**
 * The bot's one JSON-P provider. {@code Jsons.JSON.createObjectBuilder()} and its siblings ask {@link
 * JsonProvider#provider()} every time, which makes a new provider — and with it a new buffer pool,
 * so every object written or parsed took fresh 8–16 KB buffers. A profile of a busy bot found a
 * tenth of all its allocation there (BENCHMARKS.md, "Processing under load"); through this one
 * provider the buffers are pooled and reused.
 */
public final class Jsons {

  /** Thread-safe, like every JSON-P provider's factories. */
  public static final JsonProvider JSON = JsonProvider.provider();

  private Jsons() {}
}
