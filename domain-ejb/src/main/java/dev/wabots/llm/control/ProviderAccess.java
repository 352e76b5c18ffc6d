package dev.wabots.llm.control;

import dev.wabots.llm.entity.LlmProvider;
import dev.wabots.platform.NotFound;
import dev.wabots.security.Caller;
import jakarta.persistence.EntityManager;
import java.util.Optional;

/** The visibility rule for providers, the same as for bots: one the caller may not see does not exist. */
public final class ProviderAccess {

  private ProviderAccess() {}

  public static LlmProvider visible(EntityManager em, String id, Caller caller) {
    return find(em, id, caller).orElseThrow(() -> new NotFound("provider", id));
  }

  public static Optional<LlmProvider> find(EntityManager em, String id, Caller caller) {
    LlmProvider p = id == null || !ProviderRules.ID.matcher(id).matches() ? null : em.find(LlmProvider.class, id);
    return Optional.ofNullable(p).filter(found -> caller.sees(found.ownerId()));
  }
}
