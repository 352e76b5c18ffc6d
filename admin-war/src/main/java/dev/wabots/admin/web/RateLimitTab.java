package dev.wabots.admin.web;

import dev.wabots.instances.boundary.InstanceView;
import dev.wabots.instances.entity.InstanceChanges;
import dev.wabots.instances.entity.InstanceField;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

/** The Rate limiting tab: at most {@code count} messages per person in {@code hours} (seed: 5 / 5). */
@Named
@ViewScoped
public class RateLimitTab extends BotTab {

  private static final long serialVersionUID = 1L;

  private Integer rateLimitCount;
  private Integer rateLimitHours;

  @Override
  protected void fill(InstanceView b) {
    rateLimitCount = b.rateLimitCount();
    rateLimitHours = b.rateLimitHours();
  }

  public void save() {
    InstanceChanges c = InstanceChanges.none();
    diff(c, InstanceField.RATE_LIMIT_COUNT, rateLimitCount, bot.rateLimitCount());
    diff(c, InstanceField.RATE_LIMIT_HOURS, rateLimitHours, bot.rateLimitHours());
    save(c);
  }

  public Integer getRateLimitCount() {
    return rateLimitCount;
  }

  public void setRateLimitCount(Integer rateLimitCount) {
    this.rateLimitCount = rateLimitCount;
  }

  public Integer getRateLimitHours() {
    return rateLimitHours;
  }

  public void setRateLimitHours(Integer rateLimitHours) {
    this.rateLimitHours = rateLimitHours;
  }
}
