package dev.wabots.llm.control;

import dev.wabots.whatsapp.Printable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Runs one route with the backend its protocol needs, timing it and catching its failure, through
 * the backend's {@link Circuit}: while it is open the route fails at once ({@code circuit_open}).
 */
@ApplicationScoped
public class Router {

  private static final Logger LOG = System.getLogger(Router.class.getName());

  @Inject OpenAiCompatible openAi;

  @Inject Gemini gemini;

  @Inject Anthropic anthropic;

  @Inject Circuits circuits;

  /** Where host names of public-only targets are resolved (a stand-in in tests). */
  PublicAddresses addresses = PublicAddresses.DNS;

  /** A bot's question: refused at once while the backend's circuit is open. */
  public Attempt attempt(Route route, Prompt prompt) {
    return attempt(route, prompt, false);
  }

  /**
   * A person's test of a backend: called even while its circuit is open (the test is the quickest
   * way to find out whether the service is back), and its outcome counts like any other call.
   */
  public Attempt tryOut(Route route, Prompt prompt) {
    return attempt(route, prompt, true);
  }

  private Attempt attempt(Route route, Prompt prompt, boolean evenIfOpen) {
    if (route.broken() != null) {
      return new Attempt(route.backend(), null, null, route.broken(), 0);
    }
    Circuit circuit = circuits.of(route.backend());
    if (!circuit.allow(circuits.clock().instant()) && !evenIfOpen) {
      Circuit.View v = circuit.view();
      return new Attempt(route.backend(), route.target().model(), null, new UpstreamFailure(ErrorKind.CIRCUIT_OPEN, null,
          "not called: " + v.failuresInRow() + " failures in a row (last: " + v.lastError() + "); tried again after "
              + v.retryAt()), 0);
    }
    Attempt a = call(route, prompt);
    if (!a.ok() && (a.failure().kind() == ErrorKind.BLOCKED || a.failure().kind() == ErrorKind.CONFIG)) {
      circuit.abandoned(); // nothing reached the service: it says nothing about it
    } else if (a.ok() || !Circuit.countsAgainstService(a.failure().kind())) {
      circuit.succeeded();
    } else if (circuit.failed(circuits.clock().instant(), a.failure().kind().id())) {
      LOG.log(Level.WARNING, "LLM backend {0}: {1} failures in a row (last: {2}); calls fail at once until {3}",
          route.backend(), circuit.view().failuresInRow(), a.failure().kind().id(), circuit.view().retryAt());
    }
    return a;
  }

  private Attempt call(Route route, Prompt prompt) {
    Target target = route.target();
    if (target.publicOnly()) {
      // Resolved again before every call: a name that pointed outside when saved may point inside now.
      var problem = addresses.problem(target.baseUrl());
      if (problem.isPresent()) {
        UpstreamFailure blocked = new UpstreamFailure(ErrorKind.BLOCKED, null, "not called: base_url " + problem.get());
        LOG.log(Level.WARNING, "LLM call to {0} refused: base_url {1}", route.backend(), problem.get());
        return new Attempt(route.backend(), target.model(), null, blocked, 0);
      }
    }
    LlmBackend backend = switch (target.protocol()) {
      case OPENAI_COMPATIBLE -> openAi;
      case GEMINI -> gemini;
      case ANTHROPIC -> anthropic;
    };
    long t0 = System.nanoTime();
    try {
      Completion c = backend.complete(target, prompt);
      return new Attempt(route.backend(), c.model(), c, null, millisSince(t0));
    } catch (UpstreamFailure f) {
      UpstreamFailure clean = f.scrubbed(target.apiKey());
      // The message quotes the service: escaped, it stays one log line.
      LOG.log(Level.WARNING, "LLM call to {0} failed: {1} {2}", route.backend(), clean.kind().id(), Printable.of(clean.getMessage(), 300));
      return new Attempt(route.backend(), target.model(), null, clean, millisSince(t0));
    } catch (RuntimeException e) {
      UpstreamFailure clean = UpstreamErrors.fromTransport(e, target.apiKey());
      LOG.log(Level.WARNING, "LLM call to {0} failed unexpectedly: {1}", route.backend(), Printable.of(clean.getMessage(), 300));
      return new Attempt(route.backend(), target.model(), null, clean, millisSince(t0));
    }
  }

  private static long millisSince(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }
}
