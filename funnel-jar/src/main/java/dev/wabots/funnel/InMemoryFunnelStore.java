package dev.wabots.funnel;

import dev.wabots.whatsapp.PhoneNumber;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** A {@link FunnelStore} in memory, for tests and tools; nothing survives the process. */
public final class InMemoryFunnelStore implements FunnelStore {
  private final Map<PhoneNumber, UserState> users = new HashMap<>();
  private final List<Logged> events = new ArrayList<>();

  private record Logged(PhoneNumber phone, FunnelEvent event, Instant at) {}

  @Override
  public synchronized Optional<UserState> find(PhoneNumber phone) {
    return Optional.ofNullable(users.get(phone));
  }

  @Override
  public synchronized Outcome apply(PhoneNumber phone, Function<Optional<UserState>, Outcome> step) {
    Outcome outcome = step.apply(Optional.ofNullable(users.get(phone)));
    if (!outcome.state().phone().equals(phone)) {
      throw new IllegalArgumentException("the outcome is for another user: " + outcome.state().phone());
    }
    users.put(phone, outcome.state());
    for (FunnelEvent event : outcome.events()) {
      events.add(new Logged(phone, event, outcome.state().lastActivity()));
    }
    return outcome;
  }

  @Override
  public synchronized void forget(PhoneNumber phone) {
    users.remove(phone);
    events.removeIf(e -> e.phone().equals(phone));
  }

  /** Every event logged for {@code phone}, oldest first. */
  public synchronized List<FunnelEvent> events(PhoneNumber phone) {
    return events.stream().filter(e -> e.phone().equals(phone)).map(Logged::event).toList();
  }

  @Override
  public synchronized FunnelReport report(int days, Instant now) {
    Instant from = now.minus(Duration.ofDays(days));
    Map<String, Set<PhoneNumber>> usersByStep = new HashMap<>();
    Set<PhoneNumber> active = new HashSet<>();
    for (Logged logged : events) {
      if (logged.at().isBefore(from) || !logged.at().isBefore(now)) {
        continue;
      }
      active.add(logged.phone());
      usersByStep.computeIfAbsent(logged.event().type(), k -> new HashSet<>()).add(logged.phone());
      if (logged.event().type().equals(FunnelEvent.QUIZ_COMPLETED)) {
        String segment = String.valueOf(logged.event().data().get("segment"));
        usersByStep.computeIfAbsent(FunnelReport.segmentKey(segment), k -> new HashSet<>()).add(logged.phone());
      }
    }
    Map<String, Long> counts = new HashMap<>();
    usersByStep.forEach((key, phones) -> counts.put(key, (long) phones.size()));
    return FunnelReport.of(days, from, now, active.size(), counts);
  }

  @Override
  public void close() {
    // nothing to release
  }
}
