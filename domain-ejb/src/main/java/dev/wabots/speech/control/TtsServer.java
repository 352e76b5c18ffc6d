package dev.wabots.speech.control;

import dev.wabots.llm.control.RestClients;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Connection settings of one TTS server (XTTS, Piper, OpenVoice): its configured address and REST clients. */
public record TtsServer(String engine, String configKey, Optional<String> url, RestClients clients, Duration connect,
    Duration read) {

  <T extends AutoCloseable> T client(Class<T> api) {
    return clients.get(api, base(), connect, read);
  }

  String base() {
    String u = url.orElseThrow().strip();
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }

  /** Not configured, or nothing listens at the address: why; else empty. */
  Optional<String> problem() {
    if (url.isEmpty() || url.get().isBlank()) {
      return Optional.of("not configured: set " + configKey);
    }
    URI uri;
    try {
      uri = URI.create(base());
    } catch (IllegalArgumentException e) {
      return Optional.of(configKey + " is not a URL: " + e.getMessage());
    }
    if (uri.getHost() == null) {
      return Optional.of(configKey + " names no host: " + base());
    }
    int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(uri.getHost(), port), 500);
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("nothing answers at " + base() + " (" + e.getMessage() + ")");
    }
  }

  String detail() {
    return url.map(u -> engine + " server at " + base()).orElse("");
  }
}
