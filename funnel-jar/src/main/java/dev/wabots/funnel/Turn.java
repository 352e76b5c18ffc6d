package dev.wabots.funnel;

import dev.wabots.whatsapp.OutboundMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Collects what one engine step sends, changes and logs; becomes the {@link Outcome}. */
final class Turn {
  private final FunnelMessages messages;
  private final BotInstanceId bot;
  private final Instant now;
  private final List<OutboundMessage> out = new ArrayList<>();
  private final List<FunnelEvent> events = new ArrayList<>();
  private UserState state;
  private String aiText;
  private DraftRequest draft;

  Turn(FunnelMessages messages, UserState state, BotInstanceId bot, Instant now) {
    this.messages = messages;
    this.state = state;
    this.bot = bot;
    this.now = now;
  }

  UserState state() {
    return state;
  }

  void state(UserState next) {
    state = next;
  }

  Instant now() {
    return now;
  }

  BotInstanceId bot() {
    return bot;
  }

  FunnelMessages messages() {
    return messages;
  }

  String name() {
    return state.profileName().orElse(null);
  }

  /** Sends a screen and logs the event it declares, if any. */
  void screen(String key) {
    screen(key, messages.screen(key, name()));
  }

  /** Sends {@code message}, rendered from screen {@code key}, and logs the event the screen declares. */
  void screen(String key, OutboundMessage message) {
    out.add(message);
    String event = messages.screenEvent(key);
    if (event != null) {
      event(event);
    }
  }

  void send(OutboundMessage message) {
    out.add(message);
  }

  void send(List<OutboundMessage> messages) {
    out.addAll(messages);
  }

  void event(String type) {
    events.add(FunnelEvent.of(type));
  }

  /** Logs an event; {@code keyValues} alternate keys and values. */
  void event(String type, Object... keyValues) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      data.put((String) keyValues[i], keyValues[i + 1]);
    }
    events.add(new FunnelEvent(type, data));
  }

  void askAi(String text) {
    aiText = text;
  }

  /** Asks the bot to have the AI draft a requirements document. */
  void draft(DraftRequest request) {
    draft = request;
  }

  Outcome outcome() {
    return new Outcome(out, state, events, Optional.ofNullable(aiText), Optional.ofNullable(draft));
  }
}
