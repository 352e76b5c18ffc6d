package dev.wabots.llm.control;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * MicroProfile REST clients for upstream services whose address is data (a provider's base URL),
 * built with {@link RestClientBuilder} once per interface, address and timeouts and then reused:
 * building one costs far more than a call. Non-2xx answers come back as responses, not exceptions.
 */
@ApplicationScoped
public class RestClients {

  private static final Logger LOG = System.getLogger(RestClients.class.getName());
  static final int MAX_CLIENTS = 64;
  static final String DISABLE_DEFAULT_MAPPER = "microprofile.rest.client.disable.default.mapper";

  /**
   * A {@code null} header parameter (no API key) would go out as an empty header, which servers
   * such as vLLM read as a wrong key: such headers are not sent at all.
   */
  static final ClientRequestFilter EMPTY_HEADERS_DROPPED = request -> request.getHeaders().entrySet()
      .removeIf(h -> h.getValue().stream().allMatch(v -> v == null || v.toString().isEmpty()));

  /**
   * Payara's client filter builds an OpenTelemetry span for every call unless the client's
   * configuration holds this predicate and it says no: ~15 % of an upstream call's CPU for spans
   * nothing exports (BENCHMARKS.md, chat overhead).
   */
  static final String TRACING_PREDICATE = "fish.payara.requesttracing.jaxrs.client.TracingPredicate";
  static final Predicate<ClientRequestContext> NOT_TRACED = request -> false;

  private final Map<String, AutoCloseable> clients = new ConcurrentHashMap<>();

  public <T extends AutoCloseable> T get(Class<T> api, String baseUrl, Duration connect, Duration read) {
    String key = api.getName() + ' ' + baseUrl + ' ' + connect.toMillis() + ' ' + read.toMillis();
    AutoCloseable client = clients.get(key);
    if (client == null) {
      if (clients.size() >= MAX_CLIENTS) {
        closeAll(); // addresses changed many times: start over rather than grow without bound
      }
      client = clients.computeIfAbsent(key, k -> RestClientBuilder.newBuilder()
          .baseUri(URI.create(baseUrl))
          .connectTimeout(connect.toMillis(), TimeUnit.MILLISECONDS)
          .readTimeout(read.toMillis(), TimeUnit.MILLISECONDS)
          // A redirect would go wherever the answer says, past the address checks: it stays an answer.
          .followRedirects(false)
          .property(DISABLE_DEFAULT_MAPPER, Boolean.TRUE)
          .property(TRACING_PREDICATE, NOT_TRACED)
          .register(EMPTY_HEADERS_DROPPED)
          .build(api));
    }
    return api.cast(client);
  }

  @PreDestroy
  void closeAll() {
    clients.forEach((key, client) -> {
      try {
        client.close();
      } catch (Exception e) {
        LOG.log(Level.DEBUG, "Closing REST client {0}: {1}", key, e.getMessage());
      }
    });
    clients.clear();
  }
}
