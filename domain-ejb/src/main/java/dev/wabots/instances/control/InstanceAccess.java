package dev.wabots.instances.control;

import dev.wabots.instances.entity.WhatsAppInstance;
import dev.wabots.platform.NotFound;
import dev.wabots.security.Caller;
import jakarta.persistence.EntityManager;

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
}
