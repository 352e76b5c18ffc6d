package dev.wabots.llm.control;

import dev.wabots.llm.entity.ProviderType;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;

/** Sends one request through a REST client and hands back the 2xx body, or throws the classified failure. */
final class Upstream {

  private Upstream() {}

  static String send(ProviderType protocol, String secret, Supplier<Response> request) {
    Response answer;
    try {
      answer = request.get();
    } catch (WebApplicationException e) {
      // Only if the client's default exception mapper is on after all: the answer is still there.
      answer = e.getResponse();
    } catch (ProcessingException e) {
      throw UpstreamErrors.fromTransport(e, secret);
    } catch (RuntimeException e) {
      throw UpstreamErrors.fromTransport(e, secret);
    }
    try (Response response = answer) {
      String body = response.hasEntity() ? response.readEntity(String.class) : "";
      int status = response.getStatus();
      if (status / 100 != 2) {
        throw UpstreamErrors.fromResponse(protocol, status, body, secret);
      }
      return body;
    } catch (ProcessingException e) {
      throw UpstreamErrors.fromTransport(e, secret);
    }
  }
}
