package dev.wabots.speech.control;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** How the TTS server adapters read a WAV answer and classify failures. */
final class HttpEngines {

  private HttpEngines() {}

  /** The WAV a server answered with; failures say which engine and why. */
  static Wav fetch(String engine, Supplier<Response> call) {
    Response answer;
    try {
      answer = call.get();
    } catch (WebApplicationException e) {
      answer = e.getResponse();
    } catch (ProcessingException e) {
      throw transport(engine, e);
    }
    try (Response r = answer) {
      byte[] body = r.hasEntity() ? r.readEntity(byte[].class) : new byte[0];
      if (r.getStatus() / 100 != 2) {
        String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        throw new SpeechError(engine + " server answered HTTP " + r.getStatus() + ": " + text, r.getStatus() >= 500);
      }
      try {
        return Wav.parse(body);
      } catch (IllegalArgumentException e) {
        throw new SpeechError(engine + " server did not answer a WAV: " + e.getMessage(), false);
      }
    } catch (ProcessingException e) {
      throw transport(engine, e);
    }
  }

  private static SpeechError transport(String engine, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException) {
        return new SpeechError(engine + " server gave no answer in time", true);
      }
      if (t instanceof ConnectException || t instanceof UnknownHostException) {
        return new SpeechError(engine + " server unreachable: " + t.getMessage(), true);
      }
    }
    return new SpeechError(engine + " server call failed: " + e.getMessage(), true);
  }
}
