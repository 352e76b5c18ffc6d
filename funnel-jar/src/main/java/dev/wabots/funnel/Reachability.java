package dev.wabots.funnel;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which screens can be sent: those the engine sends by name, and those of routes whose reply id a
 * sendable screen offers, transitively.
 */
final class Reachability {
  private final DefinitionData data;

  Reachability(DefinitionData data) {
    this.data = data;
  }

  Set<String> unreachable() {
    Set<String> reached = new TreeSet<>();
    Deque<String> queue = new ArrayDeque<>(Screens.REQUIRED);
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
    DefinitionData.Route route = id == null ? null : data.routes().get(id);
    if (route != null) {
      queue.addAll(route.send());
    }
  }
}
