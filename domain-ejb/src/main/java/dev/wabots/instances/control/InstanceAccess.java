package dev.wabots.instances.control;

import dev.wabots.instances.entity.WhatsAppInstance;
import dev.wabots.platform.NotFound;
import dev.wabots.security.Caller;
import jakarta.persistence.EntityManager;
import java.util.List;

/** The one visibility rule for bots: a bot the caller may not see does not exist for them. */
public final class InstanceAccess {

  private InstanceAccess() {}

  public static WhatsAppInstance visible(EntityManager em, String id, Caller caller) {
    WhatsAppInstance bot = id == null ? null : em.find(WhatsAppInstance.class, id);
    if (bot == null || !caller.sees(bot.ownerId())) {
      throw new NotFound("instance", id);
    }
    return bot;
  }

  /** The bots the caller may see, by name: every bot for an administrator or a guest, else their own. */
  public static List<WhatsAppInstance> visibleBots(EntityManager em, Caller caller) {
    return caller.role().seesEveryBot()
        ? em.createNamedQuery(WhatsAppInstance.ALL, WhatsAppInstance.class).getResultList()
        : em.createNamedQuery(WhatsAppInstance.BY_OWNER, WhatsAppInstance.class)
            .setParameter("owner", caller.userId())
            .getResultList();
  }
}
