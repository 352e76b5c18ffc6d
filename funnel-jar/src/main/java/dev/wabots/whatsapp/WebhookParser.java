package dev.wabots.whatsapp;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses a Cloud API webhook body into typed events, visiting every entry, change, message and
 * status. Thread-safe; use the static methods.
 *
 * <p>Two kinds of trouble are kept apart: a body that is not JSON or not the {@code
 * whatsapp_business_account} envelope throws {@link InvalidWebhookException} (answer 400); inside
 * a valid envelope, anything unknown or malformed becomes an {@link OtherUpdate} or a {@link
 * MessageContent.Unsupported} message, so one odd item never loses the rest of the batch.
 */
public final class WebhookParser {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private WebhookParser() {}

  /** Parses a UTF-8 webhook body. */
  public static WebhookBatch parse(byte[] body) throws InvalidWebhookException {
    if (body == null || body.length == 0) {
      throw new InvalidWebhookException("empty body");
    }
    Map<JsonNode, String> raws = new IdentityHashMap<>();
    try (JsonParser p = MAPPER.createParser(body)) {
      return parse(p.nextToken() == null ? null : object(p, name -> "entry".equals(name) ? WebhookParser::entries : null,
          body, raws), raws);
    } catch (JacksonException e) {
      throw new InvalidWebhookException("body is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (java.io.IOException e) {
      throw new InvalidWebhookException("body could not be read: " + e.getMessage(), e);
    }
  }

  // The body becomes a tree as before, built here from Jackson's streaming parser (its own tree
  // reader costs a deserialization context per call), and along the path entry[].changes[].value
  // each message and status keeps the bytes Meta sent as its raw JSON instead of being written
  // back from its tree (1.6 % of a busy bot's profile; BENCHMARKS.md, webhook-parse.sh).

  /** Reads the value at the parser's current token; {@code body} and {@code raws}: see {@link #kept}. */
  private interface Reader {
    JsonNode read(JsonParser p, byte[] body, Map<JsonNode, String> raws) throws java.io.IOException;
  }

  private static JsonNode entries(JsonParser p, byte[] body, Map<JsonNode, String> raws) throws java.io.IOException {
    return array(p, (q, b, r) -> object(q, name -> "changes".equals(name) ? WebhookParser::changes : null, b, r),
        body, raws);
  }

  private static JsonNode changes(JsonParser p, byte[] body, Map<JsonNode, String> raws) throws java.io.IOException {
    return array(p, (q, b, r) -> object(q, name -> "value".equals(name) ? WebhookParser::value : null, b, r),
        body, raws);
  }

  private static JsonNode value(JsonParser p, byte[] body, Map<JsonNode, String> raws) throws java.io.IOException {
    return object(p, name -> "messages".equals(name) || "statuses".equals(name)
        ? (q, b, r) -> array(q, WebhookParser::kept, b, r) : null, body, raws);
  }

  private static final java.util.function.Function<String, Reader> PLAIN = name -> null;

  /** An object: the members {@code special} names are read by their reader, the others as trees. */
  private static JsonNode object(JsonParser p, java.util.function.Function<String, Reader> special, byte[] body,
      Map<JsonNode, String> raws) throws java.io.IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      return tree(p);
    }
    ObjectNode node = MAPPER.getNodeFactory().objectNode();
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      next(p);
      Reader reader = special.apply(name);
      node.set(name, reader == null ? tree(p) : reader.read(p, body, raws)); // a repeated name: the last wins, as in a tree
    }
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw new JsonParseException(p, "Unexpected end-of-input: expected close marker for Object");
    }
    return node;
  }

  private static JsonNode array(JsonParser p, Reader items, byte[] body, Map<JsonNode, String> raws)
      throws java.io.IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      return tree(p);
    }
    ArrayNode node = MAPPER.getNodeFactory().arrayNode();
    while (next(p) != JsonToken.END_ARRAY) {
      node.add(items.read(p, body, raws));
    }
    return node;
  }

  /** A message or status object: its tree, and its bytes in the body as its raw JSON. */
  private static JsonNode kept(JsonParser p, byte[] body, Map<JsonNode, String> raws) throws java.io.IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      return tree(p);
    }
    long start = p.currentTokenLocation().getByteOffset();
    JsonNode node = tree(p);
    long end = p.currentLocation().getByteOffset(); // just past the object's closing brace
    if (start >= 0 && end > start && end <= body.length) {
      raws.put(node, new String(body, (int) start, (int) (end - start), StandardCharsets.UTF_8));
    }
    return node;
  }

  private static JsonToken next(JsonParser p) throws java.io.IOException {
    JsonToken token = p.nextToken();
    if (token == null) {
      throw new JsonParseException(p, "Unexpected end-of-input");
    }
    return token;
  }

  /**
   * The value at the parser's current token as a tree, built as Jackson's own tree reader builds
   * it (ints, longs and big integers, doubles, a repeated member's last value); the parser
   * stays on the value's last token. Jackson's reader costs a deserialization context per call.
   */
  private static JsonNode tree(JsonParser p) throws java.io.IOException {
    JsonNodeFactory nodes = MAPPER.getNodeFactory();
    return switch (p.currentToken()) {
      case START_OBJECT -> object(p, PLAIN, null, null);
      case START_ARRAY -> {
        ArrayNode node = nodes.arrayNode();
        while (next(p) != JsonToken.END_ARRAY) {
          node.add(tree(p));
        }
        yield node;
      }
      case VALUE_STRING -> nodes.textNode(p.getText());
      case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
        case INT -> nodes.numberNode(p.getIntValue());
        case LONG -> nodes.numberNode(p.getLongValue());
        default -> nodes.numberNode(p.getBigIntegerValue());
      };
      case VALUE_NUMBER_FLOAT -> p.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
          ? nodes.numberNode(p.getDecimalValue())
          : nodes.numberNode(p.getDoubleValue());
      case VALUE_TRUE -> BooleanNode.TRUE;
      case VALUE_FALSE -> BooleanNode.FALSE;
      case VALUE_NULL -> NullNode.getInstance();
      default -> throw new JsonParseException(p, "Unexpected token " + p.currentToken());
    };
  }

  /** Parses a webhook body given as text. */
  public static WebhookBatch parse(String body) throws InvalidWebhookException {
    if (body == null) {
      throw new InvalidWebhookException("empty body");
    }
    return parse(body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads back one message object as {@link InboundMessage#rawJson()} kept it (an inbox stores
   * the message, not the whole webhook): the sender's profile name and the business number are
   * what the webhook's {@code contacts} and {@code metadata} said when it was taken.
   *
   * @throws InvalidWebhookException if the text is not a message object with an id and a sender
   */
  public static InboundMessage message(String rawJson, BusinessPhone business, String profileName)
      throws InvalidWebhookException {
    JsonNode message;
    try {
      message = MAPPER.readTree(rawJson == null ? "" : rawJson);
    } catch (JacksonException e) {
      throw new InvalidWebhookException("stored message is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (message == null || !message.isObject()) {
      throw new InvalidWebhookException("stored message is not a JSON object");
    }
    Contact contact = new Contact(Optional.empty(), Optional.empty(),
        profileName == null || profileName.isBlank() ? Optional.empty() : Optional.of(profileName));
    WebhookEvent event = readMessage("", business, new Contacts(Map.of(), List.of(contact)), message, rawJson);
    if (event instanceof InboundMessage inbound) {
      return inbound;
    }
    throw new InvalidWebhookException("stored message cannot be read: " + ((OtherUpdate) event).reason());
  }

  private static WebhookBatch parse(JsonNode root, Map<JsonNode, String> raws) throws InvalidWebhookException {
    if (root == null || !root.isObject()) {
      throw new InvalidWebhookException("body is not a JSON object");
    }
    String object = root.path("object").asText("");
    if (!"whatsapp_business_account".equals(object)) {
      throw new InvalidWebhookException(
          "object must be \"whatsapp_business_account\", got \"" + object + "\"");
    }
    JsonNode entries = root.get("entry");
    if (entries == null || !entries.isArray()) {
      throw new InvalidWebhookException("entry must be an array");
    }
    List<WebhookEvent> events = new ArrayList<>();
    for (JsonNode entry : entries) {
      if (!entry.isObject()) {
        throw new InvalidWebhookException("every entry must be an object");
      }
      String accountId = entry.path("id").asText("");
      for (JsonNode change : items(entry, "changes", accountId, "", events)) {
        readChange(accountId, change, events, raws);
      }
    }
    return new WebhookBatch(events);
  }

  private static void readChange(String accountId, JsonNode change, List<WebhookEvent> events,
      Map<JsonNode, String> raws) {
    String field = change.path("field").asText("");
    JsonNode value = change.get("value");
    if (!change.isObject() || value == null || !value.isObject()) {
      events.add(new OtherUpdate(accountId, field, "change without a value object", change.toString()));
      return;
    }
    if (!"messages".equals(field)) {
      events.add(new OtherUpdate(accountId, field, "field not handled", value.toString()));
      return;
    }
    JsonNode metadata = value.path("metadata");
    BusinessPhone business =
        new BusinessPhone(
            metadata.path("phone_number_id").asText(""),
            metadata.path("display_phone_number").asText(""));
    Contacts contacts = Contacts.of(value.path("contacts"));
    for (JsonNode message : items(value, "messages", accountId, field, events)) {
      events.add(readMessage(accountId, business, contacts, message, raw(message, raws)));
    }
    for (JsonNode status : items(value, "statuses", accountId, field, events)) {
      events.add(readStatus(accountId, business, status, raw(status, raws)));
    }
    if (value.path("errors").isArray() && !value.path("errors").isEmpty()) {
      events.add(new AccountErrors(business, Contents.errors(value.path("errors"))));
    }
  }

  /** The object's bytes as Meta sent them, else the object written back from its tree. */
  private static String raw(JsonNode node, Map<JsonNode, String> raws) {
    String raw = raws.get(node);
    return raw != null ? raw : node.toString();
  }

  private static WebhookEvent readMessage(
      String accountId, BusinessPhone business, Contacts contacts, JsonNode message, String raw) {
    String id = message.path("id").asText("");
    String from = message.path("from").asText("");
    if (id.isBlank() || from.isBlank()) {
      return new OtherUpdate(accountId, "messages", "message without id or from", raw);
    }
    PhoneNumber sender;
    try {
      sender = new PhoneNumber(from);
    } catch (IllegalArgumentException e) {
      return new OtherUpdate(accountId, "messages", "sender is not a phone number: " + from, raw);
    }
    Optional<Contact> contact = contacts.forSender(from);
    String context = message.path("context").path("id").asText("");
    return new InboundMessage(
        new MessageId(id),
        sender,
        timestamp(message.path("timestamp")),
        business,
        contact.flatMap(Contact::profileName),
        contact.flatMap(Contact::userId),
        context.isBlank() ? Optional.empty() : Optional.of(new MessageId(context)),
        Contents.read(message),
        raw);
  }

  private static WebhookEvent readStatus(String accountId, BusinessPhone business, JsonNode status, String raw) {
    String id = status.path("id").asText("");
    if (id.isBlank()) {
      return new OtherUpdate(accountId, "messages", "status without id", raw);
    }
    String rawStatus = status.path("status").asText("");
    return new StatusUpdate(
        new MessageId(id),
        DeliveryStatus.of(rawStatus),
        rawStatus,
        timestamp(status.path("timestamp")),
        status.path("recipient_id").asText(""),
        business,
        Contents.errors(status.path("errors")),
        raw);
  }

  /** The array {@code parent.name}; anything else present there is kept as an {@link OtherUpdate}. */
  private static Iterable<JsonNode> items(
      JsonNode parent, String name, String accountId, String field, List<WebhookEvent> events) {
    JsonNode node = parent.path(name);
    if (node.isArray()) {
      return node;
    }
    if (!node.isMissingNode() && !node.isNull()) {
      events.add(new OtherUpdate(accountId, field, name + " is not an array", node.toString()));
    }
    return List.of();
  }

  static Instant timestamp(JsonNode node) {
    String text = node.asText("");
    try {
      return text.isEmpty() ? Instant.EPOCH : Instant.ofEpochSecond(Long.parseLong(text.strip()));
    } catch (NumberFormatException e) {
      return Instant.EPOCH;
    }
  }

  /** One {@code contacts[]} item of a change. */
  private record Contact(Optional<String> waId, Optional<String> userId, Optional<String> profileName) {}

  /** The {@code contacts[]} of a change, looked up by sender. */
  private record Contacts(Map<String, Contact> byWaId, List<Contact> all) {
    static Contacts of(JsonNode array) {
      Map<String, Contact> byWaId = new HashMap<>();
      List<Contact> all = new ArrayList<>();
      for (JsonNode node : array) {
        Contact contact =
            new Contact(
                text(node.path("wa_id")), text(node.path("user_id")), text(node.path("profile").path("name")));
        all.add(contact);
        contact.waId().ifPresent(waId -> byWaId.put(waId, contact));
      }
      return new Contacts(byWaId, all);
    }

    /** The sender's contact: by {@code wa_id}, else the only contact of the change (wa_id may be missing or formatted differently from {@code from}). */
    Optional<Contact> forSender(String from) {
      Contact contact = byWaId.get(from);
      if (contact == null && all.size() == 1) {
        contact = all.get(0);
      }
      return Optional.ofNullable(contact);
    }

    private static Optional<String> text(JsonNode node) {
      String value = node.isValueNode() ? node.asText("") : "";
      return value.isBlank() ? Optional.empty() : Optional.of(value);
    }
  }
}
