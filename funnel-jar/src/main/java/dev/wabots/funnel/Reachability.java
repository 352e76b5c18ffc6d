package dev.wabots.funnel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which screens can be sent: those the engine always may send by name, those of routes whose reply
 * id a sendable screen offers, and the questionnaire's screens (or "coming soon") once a sendable
 * screen offers a {@code tz:} id — transitively.
 */
final class Reachability {
  private final DefinitionData data;

  Reachability(DefinitionData data) {
    this.data = data;
  }

  Set<String> unreachable() {
    Set<String> reached = new TreeSet<>();
    Deque<String> queue = new ArrayDeque<>(Screens.REQUIRED);
    queue.add(FunnelMessages.PAYMENT_RECEIVED); // the bot sends it when a payment arrives
    queue.add(FunnelMessages.VOICE_HEARD); // the bot's echo of a voice note, when set
    for (Attachment attachment : Attachment.values()) {
      queue.add(attachment.screen()); // sent by name when a customer sends one
    }
    while (!queue.isEmpty()) {
      String key = queue.poll();
      DefinitionData.Screen screen = data.screens().get(key);
      if (screen == null || !reached.add(key)) {
        continue;
      }
      screen.buttons().forEach(option -> follow(option.id(), queue));
      if (screen.list() != null) {
        screen.list().sections().forEach(section -> section.rows().forEach(option -> follow(option.id(), queue)));
      }
    }
    Set<String> unreachable = new TreeSet<>(data.screens().keySet());
    unreachable.removeAll(reached);
    return unreachable;
  }

  private void follow(String id, Deque<String> queue) {
    if (id == null) {
      return;
    }
    DefinitionData.Route route = data.routes().get(id);
    if (route != null) {
      queue.addAll(route.send());
    }
    if (id.startsWith("tz:")) {
      queue.addAll(requirementsScreens());
    }
  }

  /** The screens the engine (and the bot, after a draft) sends for the questionnaire. */
  private List<String> requirementsScreens() {
    DefinitionData.RequirementsSpec spec = data.requirements();
    List<String> screens = new ArrayList<>();
    if (spec == null) {
      screens.add(Screens.COMING_SOON);
      return screens;
    }
    for (DefinitionData.RequirementsStep step : spec.steps()) {
      screens.add(step.screen());
      screens.addAll(step.screens().values());
    }
    screens.addAll(Arrays.asList(spec.intro(), spec.drafting(), spec.offer(), spec.result(), spec.resultTooSmall(),
        spec.failed()));
    screens.removeIf(Objects::isNull);
    return screens;
  }
}
