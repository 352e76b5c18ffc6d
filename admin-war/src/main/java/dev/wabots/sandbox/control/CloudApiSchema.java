package dev.wabots.sandbox.control;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Meta's OpenAPI file for the WhatsApp Cloud API, patched ({@link CloudApiSpecPatches}) and
 * compiled once, as a validator for {@code POST /{version}/{phone-number-id}/messages} bodies and
 * for webhook payloads. Loading takes about a second (mostly YAML parsing); validation is
 * thread-safe and takes microseconds.
 */
public final class CloudApiSchema {

  /** The classpath resource the WAR packages from {@code docs/spec}. */
  public static final String RESOURCE = "meta/whatsapp-business-api_v23.0.yaml";

  /** A made-up IRI the document is registered under; nothing is ever fetched from it. */
  private static final String DOCUMENT_IRI = "urn:wabots:meta:whatsapp-business-api:v23.0";

  private static final String MESSAGES_PATH = "/{Version}/{Phone-Number-ID}/messages";
  private static final String WEBHOOK_PATH = "/whatsapp/webhooks";

  /** Keywords whose error names a child property: the problem points at that property. */
  private static final Set<String> PROPERTY_KEYWORDS = Set.of(
      "required", "additionalProperties", "unevaluatedProperties", "dependentRequired",
      "discriminator");

  private static final Logger LOG = System.getLogger(CloudApiSchema.class.getName());
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JsonNode document;
  private final Map<String, Schema> sendByType;
  private final Schema anyMessage;
  private final Schema markAsRead;
  private final Schema webhook;
  private final Map<String, JsonNode> sendExamples;
  private final Map<String, JsonNode> webhookExamples;

  /** Compiles an already patched document; package-private for tests of odd documents. */
  CloudApiSchema(JsonNode document) {
    this.document = document;
    SchemaRegistry registry = SchemaRegistry.withDialect(
        Dialects.getOpenApi31(),
        builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .locale(Locale.ENGLISH)
            .build()));
    // Trap: getSchema(location#fragment, document) ignores the fragment and returns the whole
    // OpenAPI document as the schema, which accepts anything. Take sub-schemas from the root.
    Schema root = registry.getSchema(SchemaLocation.of(DOCUMENT_IRI), document);
    Map<String, Schema> byType = new LinkedHashMap<>();
    document.at("/components/schemas/Message/discriminator/mapping").properties()
        .forEach(e -> byType.put(e.getKey(), component(root, e.getValue().asString())));
    this.sendByType = Collections.unmodifiableMap(byType);
    this.anyMessage = component(root, "#/components/schemas/Message");
    this.markAsRead = component(root, "#/components/schemas/MarkMessageRequestPayload");
    this.webhook = component(root, "#/components/schemas/WebhookPayload");
    this.sendExamples = examples(document, MESSAGES_PATH);
    this.webhookExamples = examples(document, WEBHOOK_PATH);
  }

  /**
   * Reads, patches and compiles the file from the classpath ({@value #RESOURCE}).
   *
   * @throws SpecPatchException when a patch no longer fits the file
   * @throws IllegalStateException when the resource is missing or unreadable
   */
  public static CloudApiSchema load() {
    ClassLoader loader = CloudApiSchema.class.getClassLoader();
    try (InputStream yaml = loader.getResourceAsStream(RESOURCE)) {
      if (yaml == null) {
        throw new IllegalStateException("Meta's OpenAPI file is not on the classpath: " + RESOURCE);
      }
      return load(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /**
   * Reads, patches and compiles the OpenAPI file given as YAML.
   *
   * @throws SpecPatchException when a patch no longer fits the file
   */
  public static CloudApiSchema load(InputStream yaml) {
    long start = System.nanoTime();
    JsonNode document;
    try {
      document = YAMLMapper.builder().build().readTree(yaml);
    } catch (JacksonException e) {
      throw new IllegalStateException("Meta's OpenAPI file is not valid YAML", e);
    }
    long parsed = System.nanoTime();
    List<SpecPatch> patches = CloudApiSpecPatches.v23();
    patches.forEach(patch -> patch.applyTo(document));
    CloudApiSchema schema = new CloudApiSchema(document);
    long done = System.nanoTime();
    LOG.log(Level.INFO, "Meta Cloud API schema loaded in {0} ms (YAML {1} ms, {2} patches)",
        String.valueOf((done - start) / 1_000_000), String.valueOf((parsed - start) / 1_000_000),
        patches.size());
    return schema;
  }

  private static Schema component(Schema root, String ref) {
    NodePath path = new NodePath(PathType.JSON_POINTER);
    for (String segment : ref.substring(ref.indexOf('#') + 2).split("/")) {
      path = path.append(segment);
    }
    Schema schema = root.getRefSchema(path);
    schema.initializeValidators();
    return schema;
  }

  /**
   * Problems of a {@code POST /{version}/{phone-number-id}/messages} body: a read receipt (it has
   * {@code status}) against {@code MarkMessageRequestPayload}, a message against the schema of
   * its {@code type} (text when absent, as Graph defaults it), an unknown type against the whole
   * {@code Message} union.
   */
  public List<RequestProblem> validateSend(JsonNode body) {
    return validate(sendSchemaFor(body), body);
  }

  /** As {@link #validateSend(JsonNode)}, for JSON text; malformed JSON is one problem. */
  public List<RequestProblem> validateSend(String json) {
    JsonNode body = parse(json);
    return body == null ? List.of(notJson()) : validateSend(body);
  }

  /** Problems of a webhook payload, against {@code WebhookPayload}. */
  public List<RequestProblem> validateWebhook(JsonNode payload) {
    return validate(webhook, payload);
  }

  /** As {@link #validateWebhook(JsonNode)}, for JSON text; malformed JSON is one problem. */
  public List<RequestProblem> validateWebhook(String json) {
    JsonNode payload = parse(json);
    return payload == null ? List.of(notJson()) : validateWebhook(payload);
  }

  /** Meta's request examples for the messages endpoint, by name, in file order. */
  public Map<String, JsonNode> sendExamples() {
    return sendExamples;
  }

  /** Meta's webhook payload examples, by name, in file order. */
  public Map<String, JsonNode> webhookExamples() {
    return webhookExamples;
  }

  /**
   * Validates every example of the file once, so that the first real request does not pay for
   * lazy initialisation (tens of milliseconds). Logs how many examples pass.
   */
  public void warmUp() {
    long start = System.nanoTime();
    long sendValid = sendExamples.values().stream().filter(e -> validateSend(e).isEmpty()).count();
    long hooksValid =
        webhookExamples.values().stream().filter(e -> validateWebhook(e).isEmpty()).count();
    LOG.log(Level.INFO, "Meta Cloud API schema warmed up in {0} ms: {1}/{2} send and {3}/{4}"
            + " webhook examples valid",
        String.valueOf((System.nanoTime() - start) / 1_000_000), sendValid, sendExamples.size(),
        hooksValid, webhookExamples.size());
  }

  Schema sendSchemaFor(JsonNode body) {
    if (body.has("status")) {
      return markAsRead;
    }
    JsonNode type = body.get("type");
    if (type == null) {
      return sendByType.get("text");
    }
    Schema schema = type.isString() ? sendByType.get(type.stringValue()) : null;
    return schema != null ? schema : anyMessage;
  }

  private static Map<String, JsonNode> examples(JsonNode document, String path) {
    JsonNode examples = document.path("paths").path(path).path("post").path("requestBody")
        .path("content").path("application/json").path("examples");
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    examples.properties().forEach(e -> byName.put(e.getKey(), e.getValue().path("value")));
    return Collections.unmodifiableMap(byName);
  }

  private List<RequestProblem> validate(Schema schema, JsonNode instance) {
    List<Error> errors;
    try {
      errors = schema.validate(instance);
    } catch (SchemaException e) {
      // Trap: networknt can throw from validate() (e.g. nested discriminators); never a 500.
      LOG.log(Level.WARNING, "Meta Cloud API schema failed on a body", e);
      return List.of(RequestProblem.schema(
          "", "schema", "the schema could not judge this body: " + e.getMessage()));
    }
    Set<RequestProblem> problems = new LinkedHashSet<>();
    for (Error error : errors) {
      problems.add(toProblem(error)); // a set: shared $refs report the same failure repeatedly
    }
    return withoutSummaries(problems);
  }

  /**
   * Drops "must be valid to one and only one schema" when the failing branch's own problems are
   * reported at or below the same place: they say what is wrong, the summary only that something
   * is.
   */
  private static List<RequestProblem> withoutSummaries(Set<RequestProblem> problems) {
    List<RequestProblem> kept = new ArrayList<>(problems.size());
    for (RequestProblem problem : problems) {
      boolean summary = (problem.keyword().equals("oneOf") || problem.keyword().equals("anyOf"))
          && problems.stream().anyMatch(other -> other != problem
              && isAtOrBelow(other.pointer(), problem.pointer()));
      if (!summary) {
        kept.add(problem);
      }
    }
    return kept;
  }

  private static boolean isAtOrBelow(String pointer, String scope) {
    return pointer.equals(scope) || pointer.startsWith(scope + "/");
  }

  private RequestProblem toProblem(Error error) {
    String pointer = error.getInstanceLocation().toString();
    String property = error.getProperty();
    if (property == null && "discriminator".equals(error.getKeyword())) {
      property = discriminatorProperty(error); // the unknown type
    }
    if (property != null && PROPERTY_KEYWORDS.contains(error.getKeyword())) {
      pointer += "/" + property.replace("~", "~0").replace("/", "~1");
    }
    return RequestProblem.schema(pointer, error.getKeyword(), error.getMessage());
  }

  /** The property a discriminator error is about, read from the schema that declares it. */
  private String discriminatorProperty(Error error) {
    String fragment = error.getSchemaLocation().getFragment().toString(); // .../Message/oneOf
    String declaringSchema = fragment.substring(0, Math.max(0, fragment.lastIndexOf('/')));
    JsonNode name = document.at(declaringSchema + "/discriminator/propertyName");
    return name.isString() ? name.stringValue() : null;
  }

  /** The JSON tree of {@code json}, or null when it is not JSON. */
  static JsonNode parse(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      return node == null || node.isMissingNode() ? null : node;
    } catch (JacksonException e) {
      return null;
    }
  }

  static RequestProblem notJson() {
    return RequestProblem.schema("", "json", "the body is not valid JSON");
  }
}
