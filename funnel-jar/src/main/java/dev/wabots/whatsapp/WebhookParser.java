package dev.wabots.whatsapp;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
    try {
      return parse(MAPPER.readTree(body));
    } catch (JacksonException e) {
      throw new InvalidWebhookException("body is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (java.io.IOException e) {
      throw new InvalidWebhookException("body could not be read: " + e.getMessage(), e);
    }
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
    WebhookEvent event = readMessage("", business, new Contacts(Map.of(), List.of(contact)), message);
    if (event instanceof InboundMessage inbound) {
      return inbound;
    }
    throw new InvalidWebhookException("stored message cannot be read: " + ((OtherUpdate) event).reason());
  }

  private static WebhookBatch parse(JsonNode root) throws InvalidWebhookException {
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
        readChange(accountId, change, events);
      }
    }
    return new WebhookBatch(events);
  }

  private static void readChange(String accountId, JsonNode change, List<WebhookEvent> events) {
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
      events.add(readMessage(accountId, business, contacts, message));
    }
    for (JsonNode status : items(value, "statuses", accountId, field, events)) {
      events.add(readStatus(accountId, business, status));
    }
    if (value.path("errors").isArray() && !value.path("errors").isEmpty()) {
      events.add(new AccountErrors(business, Contents.errors(value.path("errors"))));
    }
  }

  private static WebhookEvent readMessage(
      String accountId, BusinessPhone business, Contacts contacts, JsonNode message) {
    String raw = message.toString();
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

  private static WebhookEvent readStatus(String accountId, BusinessPhone business, JsonNode status) {
    String raw = status.toString();
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
