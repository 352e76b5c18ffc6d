package dev.wabots.llm.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.llm.entity.ProviderType;
import jakarta.ws.rs.ProcessingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class UpstreamErrorsTest {

  @Test
  void readsOpenAiErrorsByStatusAndCode() {
    UpstreamFailure auth = UpstreamErrors.fromResponse(ProviderType.OPENAI_COMPATIBLE, 401,
        "{\"error\":{\"message\":\"Incorrect API key provided: sk-abc***xyz.\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}",
        "sk-abcdefxyz");
    assertEquals(ErrorKind.AUTH, auth.kind());
    assertEquals(401, auth.httpStatus());
    assertTrue(auth.getMessage().contains("Incorrect API key provided"), auth.getMessage());
    UpstreamFailure quota = UpstreamErrors.fromResponse(ProviderType.OPENAI_COMPATIBLE, 429,
        "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}", null);
    assertEquals(ErrorKind.RATE_LIMIT, quota.kind());
    assertEquals(ErrorKind.SERVER, UpstreamErrors.fromResponse(ProviderType.OPENAI_COMPATIBLE, 503, "upstream connect error", null).kind());
    assertEquals(ErrorKind.BAD_REQUEST, UpstreamErrors.fromResponse(ProviderType.OPENAI_COMPATIBLE, 404,
        "{\"object\":\"error\",\"message\":\"The model `x` does not exist.\",\"type\":\"NotFoundError\",\"code\":404}", null).kind());
  }

  @Test
  void readsGeminiInvalidKeyAsAuthAlthoughItIs400() {
    UpstreamFailure f = UpstreamErrors.fromResponse(ProviderType.GEMINI, 400,
        "{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid API key.\",\"status\":\"INVALID_ARGUMENT\","
            + "\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\"}]}}", null);
    assertEquals(ErrorKind.AUTH, f.kind());
    assertEquals(ErrorKind.RATE_LIMIT, UpstreamErrors.fromResponse(ProviderType.GEMINI, 429,
        "{\"error\":{\"code\":429,\"message\":\"Resource has been exhausted\",\"status\":\"RESOURCE_EXHAUSTED\"}}", null).kind());
    assertEquals(ErrorKind.BAD_REQUEST, UpstreamErrors.fromResponse(ProviderType.GEMINI, 400,
        "{\"error\":{\"code\":400,\"message\":\"Invalid JSON payload\",\"status\":\"INVALID_ARGUMENT\"}}", null).kind());
  }

  @Test
  void readsAnthropicErrorTypes() {
    assertEquals(ErrorKind.AUTH, UpstreamErrors.fromResponse(ProviderType.ANTHROPIC, 401,
        "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}", null).kind());
    assertEquals(ErrorKind.SERVER, UpstreamErrors.fromResponse(ProviderType.ANTHROPIC, 529,
        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}", null).kind());
    UpstreamFailure rate = UpstreamErrors.fromResponse(ProviderType.ANTHROPIC, 429,
        "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number of requests has exceeded your rate limit\"}}", null);
    assertEquals(ErrorKind.RATE_LIMIT, rate.kind());
    assertTrue(rate.getMessage().startsWith("anthropic answered HTTP 429: Number of requests"), rate.getMessage());
  }

  @Test
  void neverShowsABodyThatIsNoServiceErrorOnlyWhatItWas() {
    String key = "sk-live-0123456789abcdef";
    UpstreamFailure f = UpstreamErrors.fromResponse(ProviderType.OPENAI_COMPATIBLE, 500,
        "<html>internal admin page for key " + key + " " + "x".repeat(1000) + "</html>", key);
    assertEquals(ErrorKind.SERVER, f.kind());
    assertFalse(f.getMessage().contains("internal admin page"), f.getMessage());
    assertFalse(f.getMessage().contains(key));
    assertTrue(f.getMessage().contains("an HTML or XML page of 1"), f.getMessage());
    UpstreamFailure json = UpstreamErrors.fromResponse(ProviderType.OPENAI_COMPATIBLE, 404, "{\"secret\":\"inside\"}", null);
    assertFalse(json.getMessage().contains("inside"), json.getMessage());
    assertTrue(json.getMessage().contains("a JSON object"), json.getMessage());
  }

  @Test
  void aServiceErrorMessageIsShortenedAndMasked() {
    String key = "sk-live-0123456789abcdef";
    UpstreamFailure f = UpstreamErrors.fromResponse(ProviderType.OPENAI_COMPATIBLE, 401,
        "{\"error\":{\"message\":\"bad key " + key + " " + "x".repeat(1000) + "\"}}", key);
    assertFalse(f.getMessage().contains(key));
    assertTrue(f.getMessage().contains("••••"));
    assertTrue(f.getMessage().length() <= UpstreamFailure.MAX_MESSAGE);
  }

  @Test
  void classifiesTransportFailures() {
    UpstreamFailure timeout = UpstreamErrors.fromTransport(
        new ProcessingException(new SocketTimeoutException("Read timed out")), null);
    assertEquals(ErrorKind.TIMEOUT, timeout.kind());
    assertNull(timeout.httpStatus());
    assertEquals(ErrorKind.UNREACHABLE, UpstreamErrors.fromTransport(
        new ProcessingException(new ConnectException("Connection refused")), null).kind());
    assertEquals(ErrorKind.OTHER, UpstreamErrors.fromTransport(new IllegalStateException("odd"), null).kind());
  }

  @Test
  void mapsStatusesWithoutBodies() {
    assertEquals(ErrorKind.AUTH, ErrorKind.ofStatus(403));
    assertEquals(ErrorKind.TIMEOUT, ErrorKind.ofStatus(504));
    assertEquals(ErrorKind.TIMEOUT, ErrorKind.ofStatus(408));
    assertEquals(ErrorKind.SERVER, ErrorKind.ofStatus(502));
    assertEquals(ErrorKind.BAD_REQUEST, ErrorKind.ofStatus(422));
    assertEquals(ErrorKind.OTHER, ErrorKind.ofStatus(302));
  }
}
