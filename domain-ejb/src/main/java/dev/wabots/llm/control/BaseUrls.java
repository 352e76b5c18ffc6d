package dev.wabots.llm.control;

import dev.wabots.llm.entity.ProviderType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Base URLs of model services. People paste them with or without the API version
 * ({@code https://api.deepseek.com/v1}, {@code https://openrouter.ai/api/v1/}); the clients add
 * the versioned path themselves, so a trailing {@code /v1} (Gemini: {@code /v1beta}) and slashes
 * are dropped.
 */
public final class BaseUrls {

  public static final int MAX_LENGTH = 500;

  private BaseUrls() {}

  public static String normalise(ProviderType type, String url) {
    String u = url == null ? "" : url.strip();
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    String lower = u.toLowerCase(Locale.ROOT);
    String suffix = type == ProviderType.GEMINI ? (lower.endsWith("/v1beta") ? "/v1beta" : "/v1") : "/v1";
    if (lower.endsWith(suffix)) {
      u = u.substring(0, u.length() - suffix.length());
    }
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }

  /** Why the text is not a usable base URL, or empty when it is. */
  public static Optional<String> problem(String url) {
    if (url == null || url.isBlank()) {
      return Optional.of("is required");
    }
    if (url.length() > MAX_LENGTH) {
      return Optional.of("must be at most " + MAX_LENGTH + " characters");
    }
    try {
      URI uri = new URI(url.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        return Optional.of("must start with http:// or https://");
      }
      if (uri.getHost() == null || uri.getHost().isBlank()) {
        return Optional.of("must name a host");
      }
      if (uri.getRawUserInfo() != null) {
        return Optional.of("must not carry credentials; use api_key");
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        return Optional.of("must not have a query or fragment");
      }
      return Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.of("is not a URL: " + e.getReason());
    }
  }
}
