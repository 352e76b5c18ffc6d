package dev.wabots.admin.web;

import dev.wabots.instances.boundary.InstanceView;
import dev.wabots.instances.boundary.Instances;
import dev.wabots.instances.entity.InstanceChanges;
import dev.wabots.instances.entity.InstanceField;
import dev.wabots.platform.DomainException;
import dev.wabots.platform.NotFound;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.Objects;

/**
 * One tab of the selected bot's settings: its own form, filled from the bot when it is selected,
 * saved on its own. Only the fields that differ from what was loaded are sent, so a tab never
 * overwrites what another tab or person changed meanwhile.
 */
abstract class BotTab implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Fleet fleet;

  @Inject Instances instances;

  @Inject Feedback feedback;

  /** The bot as last loaded or saved; null when no bot is selected. */
  protected InstanceView bot;

  @PostConstruct
  void init() {
    show(fleet.getSelected());
  }

  void selected(@Observes(notifyObserver = Reception.IF_EXISTS) BotSelected event) {
    show(event.bot());
  }

  private void show(InstanceView selected) {
    bot = selected;
    if (selected != null) {
      fill(selected);
    }
  }

  /** Copies the bot's settings into the form's fields. */
  protected abstract void fill(InstanceView bot);

  /** Saves what changed and tells the fleet; refusals go under their fields. */
  protected void save(InstanceChanges changes) {
    if (bot == null) {
      return;
    }
    if (changes.fields().isEmpty()) {
      feedback.done("save.nothing");
      return;
    }
    try {
      InstanceView saved = instances.update(bot.id(), changes);
      fleet.changed(saved);
      show(saved);
      feedback.done("save.done", saved.name());
    } catch (NotFound e) {
      feedback.problem("error.bot_gone", bot.id());
    } catch (DomainException e) {
      feedback.refused(e);
    }
  }

  /** Adds {@code field} to the changes when the form's value differs from the loaded one. */
  protected static void diff(InstanceChanges changes, InstanceField field, Object value, Object loaded) {
    if (!Objects.equals(value, loaded)) {
      changes.set(field, value);
    }
  }

  public boolean isReady() {
    return bot != null;
  }
}
