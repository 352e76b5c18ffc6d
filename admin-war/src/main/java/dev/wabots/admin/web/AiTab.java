package dev.wabots.admin.web;

import dev.wabots.instances.boundary.InstanceView;
import dev.wabots.instances.control.InstanceRules;
import dev.wabots.instances.entity.InstanceChanges;
import dev.wabots.instances.entity.InstanceField;
import dev.wabots.instances.entity.LlmParams;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The AI tab: LLM backend, system prompt, sampling parameters. The backend is free text for now
 * (the domain checks it: vllm, gemini or cloud:{provider_id}); an empty parameter means the
 * backend's default.
 */
@Named
@ViewScoped
public class AiTab extends BotTab {

  private static final long serialVersionUID = 1L;

  private String llmBackend;
  private String systemPrompt;
  private Double temperature;
  private Integer maxTokens;
  private Double topP;

  @Override
  protected void fill(InstanceView b) {
    llmBackend = b.llmBackend();
    systemPrompt = b.systemPrompt();
    LlmParams p = b.llmParams() == null ? LlmParams.DEFAULTS : b.llmParams();
    temperature = p.temperature();
    maxTokens = p.maxTokens();
    topP = p.topP();
  }

  public void save() {
    InstanceChanges c = InstanceChanges.none();
    diff(c, InstanceField.LLM_BACKEND, llmBackend, bot.llmBackend());
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

  private static void putIfSet(Map<String, Object> params, String name, Object value) {
    if (value != null) {
      params.put(name, value);
    }
  }

  public int getMaxPrompt() {
    return InstanceRules.MAX_PROMPT;
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
