package dev.wabots.whatsapp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Meta's OpenAPI file, read once from the path surefire passes in {@code wabots.metaSpec}. */
final class MetaSpec {
  private static JsonNode root;

  private MetaSpec() {}

  static synchronized JsonNode root() {
    if (root == null) {
      String location = System.getProperty("wabots.metaSpec");
      assertTrue(location != null, "system property wabots.metaSpec is not set (run through Maven)");
      Path path = Path.of(location);
      assertTrue(Files.isRegularFile(path), "Meta's OpenAPI file not found at " + path);
      try {
        root = new ObjectMapper(new YAMLFactory()).readTree(path.toFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root;
  }

  /** The request examples of {@code POST /{Version}/{Phone-Number-ID}/messages}. */
  static JsonNode sendExamples() {
    return root().path("paths").path("/{Version}/{Phone-Number-ID}/messages").path("post")
        .path("requestBody").path("content").path("application/json").path("examples");
  }

  /** The webhook payload examples of {@code POST /whatsapp/webhooks}. */
  static JsonNode webhookExamples() {
    return root().path("paths").path("/whatsapp/webhooks").path("post")
        .path("requestBody").path("content").path("application/json").path("examples");
  }

  /** One send example's value, deep-copied so a test may edit it. */
  static JsonNode sendExample(String name) {
    JsonNode example = sendExamples().path(name).path("value");
    assertTrue(example.isObject(), "no send example named '" + name + "' in Meta's file");
    return example.deepCopy();
  }

  /** JSON equality where numbers compare by value (YAML ints vs our longs). */
  static final Comparator<JsonNode> NUMBERS_BY_VALUE =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };
}
