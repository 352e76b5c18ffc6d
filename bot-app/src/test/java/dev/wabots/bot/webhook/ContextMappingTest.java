package dev.wabots.bot.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * web.xml leaves CDI's request, session and conversation contexts out of Meta's webhooks only: the
 * expression Weld matches each request's path against excludes {@code /webhook} and nothing else,
 * and no bean of the bot has one of those scopes (one would fail there, and only under traffic).
 */
class ContextMappingTest {

  static Pattern mapping() throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    var document = factory.newDocumentBuilder().parse(Path.of("src/main/webapp/WEB-INF/web.xml").toFile());
    NodeList params = document.getElementsByTagNameNS("*", "context-param");
    for (int i = 0; i < params.getLength(); i++) {
      Element param = (Element) params.item(i);
      String name = param.getElementsByTagNameNS("*", "param-name").item(0).getTextContent().strip();
      if (name.equals("org.jboss.weld.context.mapping")) {
        return Pattern.compile(param.getElementsByTagNameNS("*", "param-value").item(0).getTextContent().strip());
      }
    }
    throw new AssertionError("web.xml has no org.jboss.weld.context.mapping");
  }

  @Test
  void theWebhookAloneRunsWithoutTheContexts() throws Exception {
    Pattern activated = mapping();
    assertFalse(activated.matcher("/webhook").matches());
    for (String path : List.of("/", "/status", "/health", "/health/ready", "/internal/commands", "/internal/adopt",
        "/internal/report", "/internal/media", "/internal/funnel/reload", "/webhook/", "/webhooks", "/x/webhook")) {
      assertTrue(activated.matcher(path).matches(), path);
    }
  }

  @Test
  void noBeanOfTheBotHasARequestSessionOrConversationScope() throws IOException {
    List<Class<? extends Annotation>> scopes = List.of(jakarta.enterprise.context.RequestScoped.class,
        jakarta.enterprise.context.SessionScoped.class, jakarta.enterprise.context.ConversationScoped.class);
    Path classes = Path.of("target/classes");
    List<String> scoped;
    try (Stream<Path> files = Files.walk(classes)) {
      scoped = files.filter(f -> f.toString().endsWith(".class"))
          .map(f -> classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
          .filter(name -> {
            try {
              Class<?> type = Class.forName(name, false, getClass().getClassLoader());
              return scopes.stream().anyMatch(type::isAnnotationPresent);
            } catch (ClassNotFoundException | LinkageError e) {
              return false;
            }
          })
          .toList();
    }
    assertEquals(List.of(), scoped);
  }
}
