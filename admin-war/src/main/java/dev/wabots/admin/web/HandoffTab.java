package dev.wabots.admin.web;

import dev.wabots.instances.boundary.InstanceView;
import dev.wabots.instances.entity.InstanceChanges;
import dev.wabots.instances.entity.InstanceField;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

/**
 * The Hand-off tab: which situations ask for a person on their own, after how many hours of
 * operator silence a customer goes back to the bot, and how long message texts are kept.
 */
@Named
@ViewScoped
public class HandoffTab extends BotTab {

  private static final long serialVersionUID = 1L;

  private boolean onContact;
  private boolean onPersonWords;
  private boolean onAiFailure;
  private boolean onTooExpensive;
  private Integer handbackAfterHours;
  private Integer messageRetentionDays;

  @Override
  protected void fill(InstanceView b) {
    onContact = b.handoffOnContact();
    onPersonWords = b.handoffOnPersonWords();
    onAiFailure = b.handoffOnAiFailure();
    onTooExpensive = b.handoffOnTooExpensive();
    handbackAfterHours = b.handbackAfterHours();
    messageRetentionDays = b.messageRetentionDays();
  }

  public void save() {
    InstanceChanges c = InstanceChanges.none();
    diff(c, InstanceField.HANDOFF_ON_CONTACT, onContact, bot.handoffOnContact());
    diff(c, InstanceField.HANDOFF_ON_PERSON_WORDS, onPersonWords, bot.handoffOnPersonWords());
    diff(c, InstanceField.HANDOFF_ON_AI_FAILURE, onAiFailure, bot.handoffOnAiFailure());
    diff(c, InstanceField.HANDOFF_ON_TOO_EXPENSIVE, onTooExpensive, bot.handoffOnTooExpensive());
    diff(c, InstanceField.HANDBACK_AFTER_HOURS, handbackAfterHours, bot.handbackAfterHours());
    diff(c, InstanceField.MESSAGE_RETENTION_DAYS, messageRetentionDays, bot.messageRetentionDays());
    save(c);
  }

  public boolean isOnContact() {
    return onContact;
  }

  public void setOnContact(boolean onContact) {
    this.onContact = onContact;
  }

  public boolean isOnPersonWords() {
    return onPersonWords;
  }

  public void setOnPersonWords(boolean onPersonWords) {
    this.onPersonWords = onPersonWords;
  }

  public boolean isOnAiFailure() {
    return onAiFailure;
  }

  public void setOnAiFailure(boolean onAiFailure) {
    this.onAiFailure = onAiFailure;
  }

  public boolean isOnTooExpensive() {
    return onTooExpensive;
  }

  public void setOnTooExpensive(boolean onTooExpensive) {
    this.onTooExpensive = onTooExpensive;
  }

  public Integer getHandbackAfterHours() {
    return handbackAfterHours;
  }

  public void setHandbackAfterHours(Integer handbackAfterHours) {
    this.handbackAfterHours = handbackAfterHours;
  }

  public Integer getMessageRetentionDays() {
    return messageRetentionDays;
  }

  public void setMessageRetentionDays(Integer messageRetentionDays) {
    this.messageRetentionDays = messageRetentionDays;
  }
}
