package dev.wabots.bot.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

class GraphErrorsTest {

  static GraphApiException parse(int status, String json) {
    try (var r = Json.createReader(new java.io.StringReader(json))) {
      return GraphClient.error(status, r.readObject());
    }
  }

  @Test
  void readsMetasErrorObjectIntoATypedError() {
    GraphApiException e = parse(400, """
        {"error":{"message":"(#131056) (Business Account, Consumer Account) pair rate limit hit","type":"OAuthException",
        "code":131056,"error_subcode":2494055,"error_data":{"messaging_product":"whatsapp","details":"too many"},
        "fbtrace_id":"AbC123"}}""");
    assertEquals(131056, e.code());
    assertEquals(2494055, e.subcode());
    assertEquals("too many", e.details());
    assertEquals("AbC123", e.fbtraceId());
    assertTrue(e.retryable());
    assertTrue(e.describe().contains("131056/2494055"));
  }

  @Test
  void classifiesRetryableAndFinalCodes() {
    for (int code : new int[] {130429, 131056, 4, 80007, 131016, 131000, 133016, 131057}) {
      assertTrue(parse(400, "{\"error\":{\"code\":" + code + "}}").retryable(), "retry " + code);
    }
    for (int code : new int[] {131047, 131026, 131030, 131051, 100, 131008, 131009, 132000, 131048, 368, 190}) {
      assertFalse(parse(400, "{\"error\":{\"code\":" + code + "}}").retryable(), "final " + code);
    }
    assertTrue(parse(502, "{}").retryable(), "5xx without a Graph error body");
    assertTrue(GraphApiException.connection("refused").retryable());
    assertTrue(parse(401, "{\"error\":{\"code\":190,\"message\":\"Session has expired\"}}").tokenInvalid());
    assertNull(GraphClient.error(400, JsonValue.EMPTY_JSON_OBJECT).subcode());
  }
}
