package dev.wabots.llm.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One {@link Circuit} per LLM backend ({@code vllm}, {@code gemini}, {@code cloud:<provider>}),
 * shared by every bot that uses it: when a service is down, the first few questions find out and
 * the rest fail fast until the cool-down is over.
 */
@ApplicationScoped
public class Circuits {

  /** Failures in a row that open a backend's circuit. */
  @Inject
  @ConfigProperty(name = "wabots.llm.breaker.failures", defaultValue = "5")
  int threshold = 5;

  /** How long an open circuit refuses calls before one is let through to try the service again. */
  @Inject
  @ConfigProperty(name = "wabots.llm.breaker.cool-down-seconds", defaultValue = "30")
  int coolDownSeconds = 30;

  /** The longest cool-down: each failed trial doubles it up to this. */
  @Inject
  @ConfigProperty(name = "wabots.llm.breaker.max-cool-down-seconds", defaultValue = "300")
  int maxCoolDownSeconds = 300;

  Clock clock = Clock.systemUTC();
  private final Map<String, Circuit> circuits = new ConcurrentHashMap<>();

  public Circuits() {}

  /** For unit tests: settings given directly. */
  public Circuits(int threshold, Duration coolDown, Duration maxCoolDown, Clock clock) {
    this.threshold = threshold;
    this.coolDownSeconds = (int) coolDown.toSeconds();
    this.maxCoolDownSeconds = (int) maxCoolDown.toSeconds();
    this.clock = clock;
  }

  public Circuit of(String backend) {
    return circuits.computeIfAbsent(backend, b -> new Circuit(b, Math.max(1, threshold),
        Duration.ofSeconds(Math.max(1, coolDownSeconds)), Duration.ofSeconds(Math.max(1, maxCoolDownSeconds))));
  }

  public Clock clock() {
    return clock;
  }

  /** Every backend called since the start, by name. */
  public List<Circuit.View> views() {
    return circuits.values().stream().map(Circuit::view).sorted(Comparator.comparing(Circuit.View::backend)).toList();
  }

  /** The backend's circuit as it is now (closed for one never called). */
  public Circuit.View view(String backend) {
    Circuit c = circuits.get(backend);
    return c == null ? new Circuit.View(backend, Circuit.State.CLOSED, 0, 0, null, null, null) : c.view();
  }
}
