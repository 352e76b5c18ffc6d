package dev.wabots.sandbox.control;

import dev.wabots.util.Lazy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * What the sandbox's Graph API stand-in asks before accepting a request: Meta's schema plus the
 * platform limits the schema cannot express. The schema is loaded on first use (about a second);
 * call {@link #warmUp()} from a background task at start so that no request waits for it.
 * Thread-safe.
 */
@ApplicationScoped
public class CloudApiValidator {

  private final Lazy<CloudApiSchema> schema;
  private final CloudApiLimitsCheck limits = new CloudApiLimitsCheck();

  /** Loads Meta's file from the classpath on first use. */
  public CloudApiValidator() {
    this(CloudApiSchema::load);
  }

  /** Uses an already loaded schema. */
  public CloudApiValidator(CloudApiSchema schema) {
    this(() -> schema);
  }

  private CloudApiValidator(Supplier<CloudApiSchema> loader) {
    this.schema = new Lazy<>(loader);
  }

  /** Judges a {@code POST /{version}/{phone-number-id}/messages} body given as JSON text. */
  public Verdict send(String body) {
    JsonNode tree = parse(body);
    return tree == null ? notJson() : send(tree);
  }

  /**
   * Judges a {@code POST /{version}/{phone-number-id}/messages} body: schema problems first, then
   * limit problems on fields the schema found nothing wrong with.
   */
  public Verdict send(JsonNode body) {
    List<RequestProblem> problems = new ArrayList<>(schema().validateSend(body));
    Set<String> reported =
        problems.stream().map(RequestProblem::pointer).collect(Collectors.toSet());
    limits.check(body).stream()
        .filter(problem -> !reported.contains(problem.pointer()))
        .forEach(problems::add);
    return Verdict.of(problems);
  }

  /** Judges a webhook payload (as the sandbox sends it to a bot) given as JSON text. */
  public Verdict webhook(String payload) {
    JsonNode tree = parse(payload);
    return tree == null ? notJson() : webhook(tree);
  }

  /** Judges a webhook payload against Meta's {@code WebhookPayload} schema. */
  public Verdict webhook(JsonNode payload) {
    return Verdict.of(schema().validateWebhook(payload));
  }

  /** Loads the schema now, if not yet loaded, and validates Meta's examples once. */
  public void warmUp() {
    schema().warmUp();
  }

  private CloudApiSchema schema() {
    return schema.get();
  }

  private static JsonNode parse(String json) {
    return CloudApiSchema.parse(json);
  }

  private static Verdict notJson() {
    return Verdict.of(List.of(CloudApiSchema.notJson()));
  }
}
