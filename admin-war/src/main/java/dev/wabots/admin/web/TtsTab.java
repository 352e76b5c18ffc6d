package dev.wabots.admin.web;

import dev.wabots.instances.boundary.InstanceView;
import dev.wabots.instances.control.InstanceRules;
import dev.wabots.instances.entity.InstanceChanges;
import dev.wabots.instances.entity.InstanceField;
import dev.wabots.platform.DomainException;
import dev.wabots.platform.FieldError;
import dev.wabots.platform.Invalid;
import dev.wabots.platform.NotFound;
import dev.wabots.speech.boundary.Speech;
import dev.wabots.speech.boundary.SpeechFailure;
import dev.wabots.speech.boundary.TtsStatus;
import dev.wabots.speech.boundary.VoiceReply;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Locale;

/**
 * The TTS tab: voice replies on or off, engine (with whether it works on this machine, and why
 * not), voice, preset — and "Listen", which speaks a short sample with the form's values, saved or
 * not, and plays it in the browser ({@link VoiceSampleAudio}).
 */
@Named
@ViewScoped
public class TtsTab extends BotTab {

  private static final long serialVersionUID = 1L;

  @Inject Speech speech;

  @Inject VoiceSamples samples;

  @Inject dev.wabots.llm.boundary.LlmProviders providers;

  private boolean ttsEnabled;
  private String ttsEngine;
  private String ttsVoice;
  private String ttsPreset;
  private TtsStatus status;
  private boolean sttEnabled;
  private String sttEngine;
  private String sttLanguage;
  private Integer sttMaxSeconds;
  private boolean sttEcho;
  /** Stored providers the person may see whose protocol takes audio. */
  private List<dev.wabots.llm.boundary.ProviderView> audioProviders = List.of();
  private boolean mediaHandoff;
  private String sampleUrl;
  private String sampleInfo;

  @Override
  protected void fill(InstanceView b) {
    ttsEnabled = b.ttsEnabled();
    ttsEngine = b.ttsEngine();
    ttsVoice = b.ttsVoice();
    ttsPreset = b.ttsPreset();
    sttEnabled = b.sttEnabled();
    sttEngine = b.sttEngine();
    sttLanguage = b.sttLanguage();
    sttMaxSeconds = b.sttMaxSeconds();
    sttEcho = b.sttEcho();
    try {
      audioProviders = providers.list().stream().filter(p -> !"anthropic".equals(p.type())).toList();
    } catch (DomainException e) {
      audioProviders = List.of();
    }
    mediaHandoff = b.mediaHandoff();
    sampleUrl = null;
    sampleInfo = null;
    try {
      status = speech.status();
    } catch (DomainException e) {
      status = null;
    }
  }

  public void save() {
    InstanceChanges c = InstanceChanges.none();
    diff(c, InstanceField.TTS_ENABLED, ttsEnabled, bot.ttsEnabled());
    diff(c, InstanceField.TTS_ENGINE, ttsEngine, bot.ttsEngine());
    diff(c, InstanceField.TTS_VOICE, ttsVoice, bot.ttsVoice());
    diff(c, InstanceField.TTS_PRESET, ttsPreset, bot.ttsPreset());
    diff(c, InstanceField.STT_ENABLED, sttEnabled, bot.sttEnabled());
    diff(c, InstanceField.STT_ENGINE, sttEngine, bot.sttEngine());
    diff(c, InstanceField.STT_LANGUAGE, sttLanguage == null || sttLanguage.isBlank() ? null : sttLanguage.strip(),
        bot.sttLanguage());
    diff(c, InstanceField.STT_MAX_SECONDS, sttMaxSeconds, bot.sttMaxSeconds());
    diff(c, InstanceField.STT_ECHO, sttEcho, bot.sttEcho());
    diff(c, InstanceField.MEDIA_HANDOFF, mediaHandoff, bot.mediaHandoff());
    save(c);
  }

  /** Speaks the sample with the form's engine, voice and preset; the page's player plays it. */
  public void listen() {
    sampleUrl = null;
    sampleInfo = null;
    try {
      VoiceReply sample = speech.sample(bot.id(), ttsEngine, ttsVoice, ttsPreset == null ? "" : ttsPreset);
      String key = samples.keep(sample.audio());
      sampleUrl = FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath()
          + "/panel/tts/sample?key=" + key;
      sampleInfo = feedback.text("tts.sample.info", sample.engine(), sample.voice(),
          String.format(Locale.ROOT, "%.1f", sample.durationMillis() / 1000.0), sample.audio().length / 1024 + 1);
    } catch (Invalid e) {
      for (FieldError f : e.fields()) {
        String field = f.field().toLowerCase(Locale.ROOT);
        feedback.atField("tts" + Character.toUpperCase(field.charAt(0)) + field.substring(1), "error.tts_" + field);
      }
    } catch (SpeechFailure e) {
      feedback.problem("tts.sample." + e.code(), e.getMessage());
    } catch (NotFound e) {
      feedback.problem("error.bot_gone", bot.id());
    } catch (DomainException e) {
      feedback.refused(e);
    }
  }

  /** The chosen engine's state: null when it works, else why not (in the router's words). */
  public String getEngineProblem() {
    if (status == null) {
      return null;
    }
    return status.engines().stream()
        .filter(e -> e.engine().equals(ttsEngine))
        .filter(e -> !e.available())
        .map(TtsStatus.Engine::reason)
        .findFirst()
        .orElse(null);
  }

  /** Re-read when the engine menu changes, so its state shows at once. */
  public void engineChanged() {
    sampleUrl = null;
  }

  public List<String> getEngines() {
    return InstanceRules.TTS_ENGINES.stream().sorted().toList();
  }

  public List<String> getPresets() {
    return InstanceRules.TTS_PRESETS.stream().sorted().toList();
  }

  public List<String> getVoices() {
    return status == null ? List.of("anna", "marina") : status.voices();
  }

  public TtsStatus getStatus() {
    return status;
  }

  public String getSampleUrl() {
    return sampleUrl;
  }

  public String getSampleInfo() {
    return sampleInfo;
  }

  public boolean isTtsEnabled() {
    return ttsEnabled;
  }

  public void setTtsEnabled(boolean ttsEnabled) {
    this.ttsEnabled = ttsEnabled;
  }

  public String getTtsEngine() {
    return ttsEngine;
  }

  public void setTtsEngine(String ttsEngine) {
    this.ttsEngine = ttsEngine;
  }

  public String getTtsVoice() {
    return ttsVoice;
  }

  public void setTtsVoice(String ttsVoice) {
    this.ttsVoice = ttsVoice;
  }

  public String getTtsPreset() {
    return ttsPreset;
  }

  public void setTtsPreset(String ttsPreset) {
    this.ttsPreset = ttsPreset;
  }

  /**
   * Speech-to-text engines a bot may choose: the configured engines, then each stored provider the person may see that takes audio
   * (OpenAI-compatible: its transcription API; Gemini: audio input); the bot's value even if not
   * among them.
   */
  public java.util.List<jakarta.faces.model.SelectItem> getSttEngines() {
    java.util.List<jakarta.faces.model.SelectItem> items = new java.util.ArrayList<>();
    items.add(new jakarta.faces.model.SelectItem("openai-compatible", "openai-compatible"));
    items.add(new jakarta.faces.model.SelectItem("gemini", "gemini"));
    audioProviders.forEach(p -> items.add(new jakarta.faces.model.SelectItem(p.backend(), p.name() + " · " + p.type())));
    if (sttEngine != null && items.stream().noneMatch(i -> sttEngine.equals(i.getValue()))) {
      items.add(new jakarta.faces.model.SelectItem(sttEngine, sttEngine));
    }
    return items;
  }

  public boolean isSttEnabled() {
    return sttEnabled;
  }

  public void setSttEnabled(boolean sttEnabled) {
    this.sttEnabled = sttEnabled;
  }

  public String getSttEngine() {
    return sttEngine;
  }

  public void setSttEngine(String sttEngine) {
    this.sttEngine = sttEngine;
  }

  public String getSttLanguage() {
    return sttLanguage;
  }

  public void setSttLanguage(String sttLanguage) {
    this.sttLanguage = sttLanguage;
  }

  public Integer getSttMaxSeconds() {
    return sttMaxSeconds;
  }

  public void setSttMaxSeconds(Integer sttMaxSeconds) {
    this.sttMaxSeconds = sttMaxSeconds;
  }

  public boolean isMediaHandoff() {
    return mediaHandoff;
  }

  public void setMediaHandoff(boolean mediaHandoff) {
    this.mediaHandoff = mediaHandoff;
  }

  public boolean isSttEcho() {
    return sttEcho;
  }

  public void setSttEcho(boolean sttEcho) {
    this.sttEcho = sttEcho;
  }
}
