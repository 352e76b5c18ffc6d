package dev.wabots.instances.boundary;

import dev.wabots.contract.BotConfiguration;
import dev.wabots.contract.HandoffRules;
import dev.wabots.contract.LlmParameters;
import dev.wabots.instances.entity.InstanceField;
import dev.wabots.instances.entity.LlmParams;
import dev.wabots.instances.entity.WhatsAppInstance;
import dev.wabots.platform.BotNetwork;
import dev.wabots.platform.NotFound;
import dev.wabots.security.BotCallers;
import dev.wabots.security.Secrets;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** A bot's configuration as its own process receives it (the contract's {@link BotConfiguration}). */
@Stateless
public class BotConfigurations {

  @PersistenceContext EntityManager em;

  @Inject BotCallers callers;

  @Inject Secrets secrets;

  @Inject BotNetwork network;

  @Inject dev.wabots.llm.control.LlmSettings llm;

  /**
   * The configuration of the calling bot, secrets included — only for the token issued to the
   * bot's current process. Any other caller, or an old token of the same bot, is refused.
   *
   * @param requestedId the id the caller asked for, or null for "mine"
   */
  public BotConfiguration forCallingBot(String requestedId) {
    String instanceId = callers.callingBot();
    if (requestedId != null && !requestedId.equals(instanceId)) {
      throw new NotFound("instance", requestedId);
    }
    WhatsAppInstance bot = em.find(WhatsAppInstance.class, instanceId);
    if (bot == null) {
      throw new NotFound("instance", instanceId);
    }
    return of(bot);
  }

  private BotConfiguration of(WhatsAppInstance bot) {
    String graphBase = bot.mode() == WhatsAppInstance.Mode.LIVE ? network.liveGraphBase() : network.sandboxGraphBase();
    LlmParams p = bot.llmParams() == null ? LlmParams.DEFAULTS : bot.llmParams();
    return new BotConfiguration(bot.id(), bot.name(), bot.enabled(), bot.mode().id(), bot.phoneNumberId(), bot.wabaId(),
        secrets.open(InstanceField.ACCESS_TOKEN, bot.storedSecret(InstanceField.ACCESS_TOKEN)),
        secrets.open(InstanceField.VERIFY_TOKEN, bot.storedSecret(InstanceField.VERIFY_TOKEN)),
        secrets.open(InstanceField.APP_SECRET, bot.storedSecret(InstanceField.APP_SECRET)),
        bot.webhookPort(), bot.graphApiVersion(), graphBase, network.orchestratorForBots(), bot.llmBackend(),
        bot.systemPrompt(), new LlmParameters(p.temperature(), p.topP(), p.maxTokens()), bot.llmFallback(),
        bot.language(), bot.ttsEnabled(), bot.ttsEngine(), bot.ttsVoice(), bot.ttsPreset(), bot.allowedPhones(),
        bot.blockedPhones(), bot.rateLimitCount(), bot.rateLimitHours(), bot.sttEnabled(), seesImages(bot), bot.mediaHandoff(),
        bot.sttEcho(), new HandoffRules(bot.handoffOnContact(), bot.handoffOnPersonWords(), bot.handoffOnAiFailure(),
            bot.handoffOnTooExpensive(), bot.handbackAfterHours()), bot.messageRetentionDays());
  }

  /** Whether the bot's AI backend takes images: Gemini does; vLLM by configuration; a stored provider by its flag. */
  private boolean seesImages(WhatsAppInstance bot) {
    String backend = bot.llmBackend();
    if ("gemini".equals(backend)) {
      return true;
    }
    if ("vllm".equals(backend)) {
      return llm.vllmAcceptsImages();
    }
    if (backend != null && backend.startsWith("cloud:")) {
      dev.wabots.llm.entity.LlmProvider p = em.find(dev.wabots.llm.entity.LlmProvider.class, backend.substring(6));
      return p != null && p.enabled() && p.acceptsImages();
    }
    return false;
  }
}
