package dev.wabots.llm.control;

import dev.wabots.whatsapp.Printable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/** Runs one route with the backend its protocol needs, timing it and catching its failure. */
@ApplicationScoped
public class Router {

  private static final Logger LOG = System.getLogger(Router.class.getName());

  @Inject OpenAiCompatible openAi;

  @Inject Gemini gemini;

  @Inject Anthropic anthropic;

  /** Where host names of public-only targets are resolved (a stand-in in tests). */
  PublicAddresses addresses = PublicAddresses.DNS;

  public Attempt attempt(Route route, Prompt prompt) {
    if (route.broken() != null) {
      return new Attempt(route.backend(), null, null, route.broken(), 0);
    }
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
