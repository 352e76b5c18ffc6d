package dev.wabots.bot.webhook;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnlyWebhookFromOutsideTest {

  static HttpServletRequest request(String remote, Map<String, String> headers) {
    return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
        new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getRemoteAddr" -> remote;
          case "getHeader" -> headers.get((String) args[0]);
          default -> null;
        });
  }

  @Test
  void onlyLoopbackAddressesAreThisMachine() {
    assertTrue(OnlyWebhookFromOutside.loopback("127.0.0.1"));
    assertTrue(OnlyWebhookFromOutside.loopback("127.1.2.3"));
    assertTrue(OnlyWebhookFromOutside.loopback("0:0:0:0:0:0:0:1"));
    assertTrue(OnlyWebhookFromOutside.loopback("::ffff:127.0.0.1"));
    assertFalse(OnlyWebhookFromOutside.loopback("192.0.2.2"));
    assertFalse(OnlyWebhookFromOutside.loopback("10.0.0.1"));
    assertFalse(OnlyWebhookFromOutside.loopback("localhost"), "a name is not what the container reports");
    assertFalse(OnlyWebhookFromOutside.loopback(null));
  }

  @Test
  void aRequestThroughAProxyOrTunnelOnThisMachineCountsAsFromOutside() {
    assertTrue(OnlyWebhookFromOutside.fromThisMachine(request("127.0.0.1", Map.of())));
    assertFalse(OnlyWebhookFromOutside.fromThisMachine(request("127.0.0.1", Map.of("X-Forwarded-For", "203.0.113.9"))));
    assertFalse(OnlyWebhookFromOutside.fromThisMachine(request("127.0.0.1", Map.of("Forwarded", "for=203.0.113.9"))));
    assertFalse(OnlyWebhookFromOutside.fromThisMachine(request("192.0.2.2", Map.of())));
  }
}
