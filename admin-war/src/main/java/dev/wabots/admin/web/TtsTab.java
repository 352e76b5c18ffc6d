package dev.wabots.admin.web;

import dev.wabots.instances.boundary.InstanceView;
import dev.wabots.instances.control.InstanceRules;
import dev.wabots.instances.entity.InstanceChanges;
import dev.wabots.instances.entity.InstanceField;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.util.List;

/** The TTS tab: voice replies on or off, engine, voice, preset. */
@Named
@ViewScoped
public class TtsTab extends BotTab {

  private static final long serialVersionUID = 1L;

  private boolean ttsEnabled;
  private String ttsEngine;
  private String ttsVoice;
  private String ttsPreset;

  @Override
  protected void fill(InstanceView b) {
    ttsEnabled = b.ttsEnabled();
    ttsEngine = b.ttsEngine();
    ttsVoice = b.ttsVoice();
    ttsPreset = b.ttsPreset();
  }

  public void save() {
    InstanceChanges c = InstanceChanges.none();
    diff(c, InstanceField.TTS_ENABLED, ttsEnabled, bot.ttsEnabled());
    diff(c, InstanceField.TTS_ENGINE, ttsEngine, bot.ttsEngine());
    diff(c, InstanceField.TTS_VOICE, ttsVoice, bot.ttsVoice());
    diff(c, InstanceField.TTS_PRESET, ttsPreset, bot.ttsPreset());
    save(c);
  }

  public List<String> getEngines() {
    return InstanceRules.TTS_ENGINES.stream().sorted().toList();
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
}
