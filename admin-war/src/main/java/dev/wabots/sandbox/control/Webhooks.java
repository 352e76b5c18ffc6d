package dev.wabots.sandbox.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds webhook bodies shaped exactly like Meta's (the envelope of the spec's examples) and signs
 * them the way Meta does: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, body)>}.
 */
public final class Webhooks {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Webhooks() {}

  /** A new message id in Meta's style. */
  public static String wamid() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return "wamid." + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** The business number as users see it: a made-up +1 555 number derived from the id. */
  public static String displayNumber(String phoneNumberId) {
    String digits = phoneNumberId == null ? "0000000" : phoneNumberId.replaceAll("\\D", "");
    String tail = digits.length() >= 7 ? digits.substring(digits.length() - 7) : String.format("%07d", 0);
    return "1555" + tail;
  }

  public static String sign(String appSecret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  /** The envelope around one change value. */
  public static JsonObject envelope(String wabaId, JsonObject value) {
    return Json.createObjectBuilder()
        .add("object", "whatsapp_business_account")
        .add("entry", Json.createArrayBuilder().add(Json.createObjectBuilder()
            .add("id", wabaId == null ? "0" : wabaId)
            .add("changes", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("value", value)
                .add("field", "messages")))))
        .build();
  }

  private static JsonObjectBuilder value(String phoneNumberId) {
    return Json.createObjectBuilder()
        .add("messaging_product", "whatsapp")
        .add("metadata", Json.createObjectBuilder()
            .add("display_phone_number", displayNumber(phoneNumberId))
            .add("phone_number_id", phoneNumberId));
  }

  /** An incoming message from {@code from} with the given type-specific part. */
  public static JsonObject inbound(String wabaId, String phoneNumberId, String from, String name, String wamid,
      Instant at, String type, JsonObject content, JsonObject context) {
    JsonObjectBuilder message = Json.createObjectBuilder()
        .add("from", from)
        .add("id", wamid)
        .add("timestamp", Long.toString(at.getEpochSecond()));
    if (context != null) {
      message.add("context", context);
    }
    message.add(type, content).add("type", type);
    JsonObject value = value(phoneNumberId)
        .add("contacts", Json.createArrayBuilder().add(Json.createObjectBuilder()
            .add("profile", Json.createObjectBuilder().add("name", name))
            .add("wa_id", from)))
        .add("messages", Json.createArrayBuilder().add(message))
        .build();
    return envelope(wabaId, value);
  }

  /** A delivery status for a message the bot sent; {@code errorCode} only for {@code failed}. */
  public static JsonObject status(String wabaId, String phoneNumberId, String wamid, String recipient, String status,
      Instant at, Integer errorCode, String errorTitle) {
    JsonObjectBuilder s = Json.createObjectBuilder()
        .add("id", wamid)
        .add("status", status)
        .add("timestamp", Long.toString(at.getEpochSecond()))
        .add("recipient_id", recipient);
    if (!"failed".equals(status)) {
      s.add("conversation", Json.createObjectBuilder()
          .add("id", "sandbox-conversation-" + recipient)
          .add("origin", Json.createObjectBuilder().add("type", "service")));
      s.add("pricing", Json.createObjectBuilder()
          .add("billable", false).add("pricing_model", "PMP").add("category", "service"));
    } else {
      s.add("errors", Json.createArrayBuilder().add(Json.createObjectBuilder()
          .add("code", errorCode)
          .add("title", errorTitle)
          .add("message", errorTitle)
          .add("error_data", Json.createObjectBuilder().add("details", errorTitle))));
    }
    return envelope(wabaId, value(phoneNumberId).add("statuses", Json.createArrayBuilder().add(s)).build());
  }
}
