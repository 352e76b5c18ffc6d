package dev.wabots.llm.control;

/**
 * One link of a bot's chain: a target to call, or — when the orchestrator cannot even build one
 * (provider deleted or disabled, no key) — the failure to report for it without calling anything.
 */
public record Route(String backend, Target target, UpstreamFailure broken) {

  public static Route to(Target target) {
    return new Route(target.backend(), target, null);
  }

  public static Route broken(String backend, String why) {
    return new Route(backend, null, new UpstreamFailure(ErrorKind.CONFIG, null, why));
  }
}
