package dev.wabots.admin.web;

import dev.wabots.instances.boundary.InstanceView;
import dev.wabots.instances.control.InstanceRules;
import dev.wabots.instances.entity.InstanceChanges;
import dev.wabots.instances.entity.InstanceField;
import dev.wabots.instances.entity.LlmParams;
import dev.wabots.llm.boundary.Chat;
import dev.wabots.llm.boundary.ChatTest;
import dev.wabots.llm.boundary.LlmProviders;
import dev.wabots.llm.boundary.ProviderView;
import dev.wabots.llm.boundary.CircuitView;
import dev.wabots.platform.DomainException;
import dev.wabots.platform.NotFound;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AI tab: LLM backend (vLLM, Gemini or a stored provider the person may see), a fallback
 * provider, the language the bot speaks, system prompt, sampling parameters (empty = the backend's
 * default) — and a test that sends one question through the bot's saved chain and shows the reply
 * with its latency, or why no model answered.
 */
@Named
@ViewScoped
public class AiTab extends BotTab {

  private static final long serialVersionUID = 1L;

  @Inject LlmProviders providers;

  @Inject Chat chat;

  private String llmBackend;
  private String llmFallback;
  private String language;
  private String systemPrompt;
  private Double temperature;
  private Integer maxTokens;
  private Double topP;
  private List<ProviderView> known = List.of();
  private String question;
  private ChatTest test;
  private List<CircuitView> circuits = List.of();

  @Override
  protected void fill(InstanceView b) {
    llmBackend = b.llmBackend();
    llmFallback = b.llmFallback();
    language = b.language();
    systemPrompt = b.systemPrompt();
    test = null;
    loadCircuits(b.id());
    try {
      known = providers.list();
    } catch (DomainException e) {
      known = List.of();
    }
    LlmParams p = b.llmParams() == null ? LlmParams.DEFAULTS : b.llmParams();
    temperature = p.temperature();
    maxTokens = p.maxTokens();
    topP = p.topP();
  }

  public void save() {
    InstanceChanges c = InstanceChanges.none();
    diff(c, InstanceField.LLM_BACKEND, llmBackend, bot.llmBackend());
    diff(c, InstanceField.LLM_FALLBACK, llmFallback, bot.llmFallback());
    diff(c, InstanceField.LANGUAGE, language, bot.language());
    diff(c, InstanceField.SYSTEM_PROMPT, systemPrompt, bot.systemPrompt());
    LlmParams loaded = bot.llmParams() == null ? LlmParams.DEFAULTS : bot.llmParams();
    if (!new LlmParams(temperature, maxTokens, topP).equals(loaded)) {
      Map<String, Object> params = new LinkedHashMap<>();
      putIfSet(params, "temperature", temperature);
      putIfSet(params, "max_tokens", maxTokens);
      putIfSet(params, "top_p", topP);
      c.set(InstanceField.LLM_PARAMS, params);
    }
    save(c);
  }

  /** One question through the bot's saved chain (unsaved changes do not count: the hint says so). */
  public void runTest() {
    String q = question == null || question.isBlank() ? feedback.text("ai.test.question.default") : question;
    try {
      test = chat.test(bot.id(), q);
      loadCircuits(bot.id());
      if (test.ok()) {
        feedback.done("ai.test.ok", test.latencyMs());
      } else {
        feedback.problem("ai.test.failed", kindText(test.failures().get(test.failures().size() - 1).error()));
      }
    } catch (NotFound e) {
      feedback.problem("error.bot_gone", bot.id());
    } catch (DomainException e) {
      test = null;
      feedback.refused(e);
    }
  }

  private void loadCircuits(String id) {
    try {
      circuits = chat.circuits(id);
    } catch (DomainException e) {
      circuits = List.of();
    }
  }

  /** The circuit breakers of the bot's backend and fallback, as they were when the tab was loaded. */
  public List<CircuitView> getCircuits() {
    return circuits;
  }

  /** One circuit in words: "closed", or "open: 5 failures in a row (timeout), tried again at 10:00:30 UTC". */
  public String circuitText(CircuitView v) {
    String state = feedback.text("ai.circuit." + v.state());
    if (v.closed()) {
      return state;
    }
    String at = v.retryAt() == null ? "—" : java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
        .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.parse(v.retryAt()));
    return state + ": " + java.text.MessageFormat.format(feedback.text("ai.circuit.detail"), v.failuresInRow(),
        kindText(String.valueOf(v.lastError())), at);
  }

  /** The classified error in words: {@code unreachable} → "the model server does not answer". */
  public String kindText(String kind) {
    String key = "ai.error." + kind;
    String text = feedback.text(key);
    return text.equals(key) ? kind : text;
  }

  /** vLLM, Gemini, then every stored provider the person may see; the bot's value even if not among them. */
  public List<SelectItem> getBackends() {
    List<SelectItem> items = new ArrayList<>();
    items.add(new SelectItem("vllm", feedback.text("ai.backend.vllm")));
    items.add(new SelectItem("gemini", feedback.text("ai.backend.gemini")));
    known.forEach(p -> items.add(new SelectItem(p.backend(), providerLabel(p))));
    if (llmBackend != null && items.stream().noneMatch(i -> llmBackend.equals(i.getValue()))) {
      items.add(new SelectItem(llmBackend, llmBackend));
    }
    return items;
  }

  /** Stored providers by name (value: the provider id); the bot's own value even if not visible. */
  public List<SelectItem> getFallbacks() {
    List<SelectItem> items = new ArrayList<>();
    known.forEach(p -> items.add(new SelectItem(p.id(), providerLabel(p))));
    if (llmFallback != null && items.stream().noneMatch(i -> llmFallback.equals(i.getValue()))) {
      items.add(new SelectItem(llmFallback, llmFallback));
    }
    return items;
  }

  private String providerLabel(ProviderView p) {
    return p.name() + " · " + p.type() + (p.acceptsImages() ? " · " + feedback.text("providers.accepts_images.on") : "")
        + (p.enabled() ? "" : " · " + feedback.text("providers.disabled"));
  }

  public List<String> getLanguages() {
    return List.copyOf(new java.util.TreeSet<>(InstanceRules.LANGUAGES));
  }

  private static void putIfSet(Map<String, Object> params, String name, Object value) {
    if (value != null) {
      params.put(name, value);
    }
  }

  public int getMaxPrompt() {
    return InstanceRules.MAX_PROMPT;
  }

  public String getLlmFallback() {
    return llmFallback;
  }

  public void setLlmFallback(String llmFallback) {
    this.llmFallback = llmFallback;
  }

  public String getLanguage() {
    return language;
  }

  public void setLanguage(String language) {
    this.language = language;
  }

  public String getQuestion() {
    return question;
  }

  public void setQuestion(String question) {
    this.question = question;
  }

  public ChatTest getTest() {
    return test;
  }

  public int getMaxQuestion() {
    return Chat.MAX_TEST_QUESTION;
  }

  public String getLlmBackend() {
    return llmBackend;
  }

  public void setLlmBackend(String llmBackend) {
    this.llmBackend = llmBackend;
  }

  public String getSystemPrompt() {
    return systemPrompt;
  }

  public void setSystemPrompt(String systemPrompt) {
    this.systemPrompt = systemPrompt;
  }

  public Double getTemperature() {
    return temperature;
  }

  public void setTemperature(Double temperature) {
    this.temperature = temperature;
  }

  public Integer getMaxTokens() {
    return maxTokens;
  }

  public void setMaxTokens(Integer maxTokens) {
    this.maxTokens = maxTokens;
  }

  public Double getTopP() {
    return topP;
  }

  public void setTopP(Double topP) {
    this.topP = topP;
  }
}
