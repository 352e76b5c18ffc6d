package dev.wabots.llm.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.instances.entity.LlmParams;
import dev.wabots.llm.entity.ChatMessage;
import dev.wabots.llm.entity.ProviderType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PublicAddressesTest {

  static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void refusesEveryAddressThatIsNotOnThePublicInternet() {
    for (String inside : List.of("127.0.0.1", "127.8.9.10", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255",
        "192.168.1.1", "169.254.169.254", "100.64.0.1", "224.0.0.251", "239.1.1.1", "255.255.255.255", "192.0.2.2",
        "198.18.0.1", "::1", "::", "fe80::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1", "64:ff9b::a00:1",
        "2002:c0a8:101::1", "2001:db8::1")) {
      assertTrue(PublicAddresses.nonPublic(ip(inside)).isPresent(), inside);
    }
    for (String outside : List.of("8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2a00:1450:4001::200e", "::ffff:8.8.4.4")) {
      assertFalse(PublicAddresses.nonPublic(ip(outside)).isPresent(), outside);
    }
  }

  @Test
  void decidesOnWhatTheHostNameResolvesTo() {
    PublicAddresses dns = new PublicAddresses(host -> switch (host) {
      case "api.example.com" -> new InetAddress[] {ip("93.184.216.34")};
      case "sneaky.example.com" -> new InetAddress[] {ip("93.184.216.34"), ip("10.0.0.7")};
      case "::1" -> new InetAddress[] {ip("::1")};
      default -> throw new UnknownHostException(host);
    });
    assertTrue(dns.problem("https://api.example.com/v1").isEmpty());
    assertEquals("resolves to 10.0.0.7, a private address; only admins may point a provider at local, private or "
        + "multicast addresses", dns.problem("https://sneaky.example.com").orElseThrow());
    assertTrue(dns.problem("http://[::1]:8000").orElseThrow().contains("a loopback address"));
    assertTrue(dns.problem("https://nowhere.example.com").isEmpty(), "nothing to reach through a name that does not resolve");
  }

  @Test
  void aPublicOnlyTargetIsResolvedAgainBeforeEveryCallAndNeverCalledWhenItPointsInside() {
    AtomicReference<String> answer = new AtomicReference<>("93.184.216.34");
    AtomicInteger calls = new AtomicInteger();
    Router router = new Router();
    router.circuits = new Circuits(5, java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(300), java.time.Clock.systemUTC());
    router.addresses = new PublicAddresses(host -> new InetAddress[] {ip(answer.get())});
    router.openAi = new OpenAiCompatible() {
      @Override
      public Completion complete(Target target, Prompt prompt) {
        calls.incrementAndGet();
        return new Completion("hello", "m", 1, 1);
      }
    };
    Target target = new Target("cloud:mine", ProviderType.OPENAI_COMPATIBLE, "http://rebinding.example.com:8000", "m",
        null, true);
    Prompt prompt = new Prompt("system", List.of(new ChatMessage(ChatMessage.USER, "hi")), LlmParams.DEFAULTS);
    assertTrue(router.attempt(Route.to(target), prompt).ok());
    answer.set("127.0.0.1"); // the name now points at the orchestrator's own machine
    Attempt refused = router.attempt(Route.to(target), prompt);
    assertFalse(refused.ok());
    assertEquals(ErrorKind.BLOCKED, refused.failure().kind());
    assertTrue(refused.failure().getMessage().contains("resolves to 127.0.0.1, a loopback address"), refused.failure().getMessage());
    assertEquals(1, calls.get(), "nothing was sent the second time");
    Target configured = new Target("vllm", ProviderType.OPENAI_COMPATIBLE, "http://127.0.0.1:8000", "m", null);
    assertTrue(router.attempt(Route.to(configured), prompt).ok(), "addresses from the configuration are the operator's");
  }
}
