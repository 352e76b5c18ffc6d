package dev.wabots.funnel;

import dev.wabots.whatsapp.ListMessage;
import dev.wabots.whatsapp.ListRow;
import dev.wabots.whatsapp.ListSection;
import dev.wabots.whatsapp.OutboundMessage;
import dev.wabots.whatsapp.PhoneNumber;
import dev.wabots.whatsapp.ReplyButton;
import dev.wabots.whatsapp.ReplyButtonsMessage;
import dev.wabots.whatsapp.ReplyId;
import dev.wabots.whatsapp.TextMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Drives the pure engine like a user would, keeping the state between steps. */
final class Chat {
  static final BotInstanceId BOT = new BotInstanceId("support-bot");
  static final PhoneNumber PHONE = new PhoneNumber("79001234567");

  final FunnelEngine engine;
  UserState state;
  Outcome last;
  private Instant now = Instant.parse("2025-06-01T10:00:00Z");

  Chat(String language) {
    this(new FunnelEngine(FunnelDefinition.load(language)));
  }

  Chat(FunnelEngine engine) {
    this.engine = engine;
    this.state = UserState.newUser(PHONE, now);
  }

  Outcome text(String text) {
    return step(new FunnelInput.Text(text));
  }

  Outcome tap(String id) {
    return step(new FunnelInput.Reply(ReplyId.of(id)));
  }

  Outcome step(FunnelInput input) {
    now = now.plusSeconds(1);
    last = engine.step(state, input, BOT, now);
    state = last.state();
    return last;
  }

  /** All visible text of the last outcome's messages, joined. */
  String said() {
    return said(last);
  }

  static String said(Outcome outcome) {
    return outcome.messages().stream().map(Chat::text).collect(Collectors.joining("\n---\n"));
  }

  /** The reply ids offered by the last outcome's messages, in order. */
  List<String> offered() {
    return ids(last.messages());
  }

  List<String> eventTypes() {
    return last.events().stream().map(FunnelEvent::type).toList();
  }

  static List<String> ids(List<OutboundMessage> messages) {
    List<String> ids = new ArrayList<>();
    for (OutboundMessage message : messages) {
      if (message instanceof ReplyButtonsMessage buttons) {
        buttons.buttons().stream().map(ReplyButton::id).map(ReplyId::value).forEach(ids::add);
      } else if (message instanceof ListMessage list) {
        for (ListSection section : list.sections()) {
          section.rows().stream().map(ListRow::id).map(ReplyId::value).forEach(ids::add);
        }
      }
    }
    return ids;
  }

  static String text(OutboundMessage message) {
    if (message instanceof TextMessage text) {
      return text.body();
    }
    if (message instanceof ReplyButtonsMessage buttons) {
      return buttons.body() + " " + buttons.buttons().stream().map(ReplyButton::title).collect(Collectors.joining(" | "));
    }
    if (message instanceof ListMessage list) {
      return list.body() + " " + list.sections().stream().flatMap(s -> s.rows().stream())
          .map(ListRow::title).collect(Collectors.joining(" | "));
    }
    return message.toString();
  }
}
