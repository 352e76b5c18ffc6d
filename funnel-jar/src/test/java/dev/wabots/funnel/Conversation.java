package dev.wabots.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wabots.whatsapp.InvalidWebhookException;
import dev.wabots.whatsapp.MessageRequest;
import dev.wabots.whatsapp.PhoneNumber;
import dev.wabots.whatsapp.WebhookBatch;
import dev.wabots.whatsapp.WebhookParser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A user talking to a {@link Funnel} through real webhook bodies. */
final class Conversation {
  private static final AtomicLong WAMID = new AtomicLong();

  private final Funnel funnel;
  private final PhoneNumber phone;
  private final String name;
  FunnelReply last;

  Conversation(Funnel funnel, PhoneNumber phone, String name) {
    this.funnel = funnel;
    this.phone = phone;
    this.name = name;
  }

  FunnelReply says(String text) {
    return deliver("{\"type\":\"text\",\"text\":{\"body\":" + quote(text) + "}}");
  }

  FunnelReply taps(String id) {
    return deliver("{\"type\":\"interactive\",\"interactive\":{\"type\":\"button_reply\",\"button_reply\":{\"id\":"
        + quote(id) + ",\"title\":\"x\"}}}");
  }

  FunnelReply picks(String id) {
    return deliver("{\"type\":\"interactive\",\"interactive\":{\"type\":\"list_reply\",\"list_reply\":{\"id\":"
        + quote(id) + ",\"title\":\"x\"}}}");
  }

  FunnelReply sendsVoice() {
    return deliver("{\"type\":\"audio\",\"audio\":{\"id\":\"42\",\"voice\":true}}");
  }

  /** The reply ids the last answer offers. */
  List<String> offered() {
    return Chat.ids(last.messages().stream().map(MessageRequest::message).toList());
  }

  String said() {
    return String.join("\n", last.messages().stream().map(m -> Chat.text(m.message())).toList());
  }

  private FunnelReply deliver(String messageFields) {
    String message = "{\"from\":\"" + phone.digits() + "\",\"id\":\"wamid.T" + WAMID.incrementAndGet()
        + "\",\"timestamp\":\"1750000000\"," + messageFields.substring(1);
    String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"W\",\"changes\":[{\"field\":\"messages\","
        + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550001111\","
        + "\"phone_number_id\":\"1\"},\"contacts\":[{\"profile\":{\"name\":" + quote(name) + "},\"wa_id\":\""
        + phone.digits() + "\"}],\"messages\":[" + message + "]}}]}]}";
    try {
      WebhookBatch batch = WebhookParser.parse(body);
      assertEquals(1, batch.messages().size());
      last = funnel.handle(batch.messages().get(0));
    } catch (InvalidWebhookException e) {
      throw new AssertionError(e);
    }
    for (MessageRequest request : last.messages()) {
      assertEquals(phone, request.to());
      request.toJson();
    }
    return last;
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** A clock that moves one second per reading, from a fixed start. */
  static final class Ticking extends Clock {
    private final AtomicLong seconds;

    Ticking(Instant start) {
      this.seconds = new AtomicLong(start.getEpochSecond());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochSecond(seconds.incrementAndGet());
    }
  }
}
