package dev.wabots.llm.control;

import dev.wabots.llm.entity.ProviderType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The LLM router's configuration (MicroProfile Config; environment variables map automatically,
 * e.g. {@code WABOTS_LLM_VLLM_BASE_URL}). Keys never come from here for stored providers.
 */
@ApplicationScoped
public class LlmSettings {

  @Inject
  @ConfigProperty(name = "wabots.llm.timeout-ms", defaultValue = "60000")
  long timeoutMs;

  @Inject
  @ConfigProperty(name = "wabots.llm.connect-timeout-ms", defaultValue = "5000")
  long connectTimeoutMs;

  @Inject
  @ConfigProperty(name = "wabots.llm.vllm.base-url", defaultValue = "http://127.0.0.1:8000")
  String vllmBaseUrl;

  @Inject
  @ConfigProperty(name = "wabots.llm.vllm.model")
  Optional<String> vllmModel;

  @Inject
  @ConfigProperty(name = "wabots.llm.vllm.api-key")
  Optional<String> vllmApiKey;

  /** The fleet's vLLM model takes images (a vision model): customers' photos go to it. */
  @Inject
  @ConfigProperty(name = "wabots.llm.vllm.accepts-images", defaultValue = "false")
  boolean vllmAcceptsImages;

  public boolean vllmAcceptsImages() {
    return vllmAcceptsImages;
  }

  @Inject
  @ConfigProperty(name = "wabots.llm.models-cache-seconds", defaultValue = "300")
  long modelsCacheSeconds;

  @Inject
  @ConfigProperty(name = "wabots.llm.gemini.base-url", defaultValue = "https://generativelanguage.googleapis.com")
  String geminiBaseUrl;

  @Inject
  @ConfigProperty(name = "wabots.llm.gemini.api-key")
  Optional<String> geminiApiKey;

  @Inject
  @ConfigProperty(name = "wabots.llm.gemini.model", defaultValue = "gemini-2.5-flash")
  String geminiModel;

  @Inject
  @ConfigProperty(name = "wabots.llm.anthropic.max-tokens", defaultValue = "1024")
  int anthropicMaxTokens;

  @Inject
  @ConfigProperty(name = "wabots.llm.max-messages", defaultValue = "100")
  int maxMessages;

  @Inject
  @ConfigProperty(name = "wabots.llm.max-chars", defaultValue = "100000")
  int maxChars;

  @Inject
  @ConfigProperty(name = "wabots.llm.usage-retention-days", defaultValue = "90")
  int usageRetentionDays;

  public Duration readTimeout() {
    return Duration.ofMillis(Math.max(1, timeoutMs));
  }

  public Duration connectTimeout() {
    return Duration.ofMillis(Math.max(1, connectTimeoutMs));
  }

  public Duration modelsCache() {
    return Duration.ofSeconds(Math.max(0, modelsCacheSeconds));
  }

  /** The fleet's own vLLM (or any OpenAI-compatible server): {@code llm_backend = vllm}. */
  public Target vllm() {
    return new Target("vllm", ProviderType.OPENAI_COMPATIBLE,
        BaseUrls.normalise(ProviderType.OPENAI_COMPATIBLE, vllmBaseUrl),
        vllmModel.map(String::strip).filter(s -> !s.isEmpty()).orElse(null),
        vllmApiKey.map(String::strip).filter(s -> !s.isEmpty()).orElse(null));
  }

  /** Gemini with the configured key ({@code llm_backend = gemini} when no stored Gemini provider is enabled). */
  public Target gemini() {
    return new Target("gemini", ProviderType.GEMINI,
        BaseUrls.normalise(ProviderType.GEMINI, geminiBaseUrl), geminiModel.strip(),
        geminiApiKey.map(String::strip).filter(s -> !s.isEmpty()).orElse(null));
  }

  public int anthropicMaxTokens() {
    return anthropicMaxTokens;
  }

  public ChatLimits chatLimits() {
    return new ChatLimits(maxMessages, maxChars);
  }

  public int usageRetentionDays() {
    return Math.max(1, usageRetentionDays);
  }
}
