package dev.wabots.admin.web;

import dev.wabots.instances.boundary.InstanceView;
import dev.wabots.platform.DomainException;
import dev.wabots.platform.NotFound;
import dev.wabots.processes.boundary.BotProcesses;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The Logs tab: the last {@value #LINES} lines of the bot's log, newest at the bottom, refreshed
 * by a poll while the tab is open and following; a filter, level colours, and the whole tail
 * ({@link LogDownload}) as a file.
 */
@Named
@ViewScoped
public class LogsTab extends BotTab {

  private static final long serialVersionUID = 1L;
  static final int LINES = 100;
  static final String TAB_ID = "logsTab";
  private static final Pattern ERROR = Pattern.compile("\\b(SEVERE|ERROR|FATAL)\\b");
  private static final Pattern WARNING = Pattern.compile("\\b(WARNING|WARN)\\b");

  @Inject BotProcesses processes;

  private List<String> lines = List.of();
  private List<String> shown = List.of();
  private String filter;
  private boolean following = true;

  @Override
  protected void fill(InstanceView b) {
    refresh();
  }

  /** The poll, and the refresh button. */
  public void refresh() {
    if (bot == null) {
      lines = List.of();
    } else {
      try {
        lines = processes.logs(bot.id(), LINES);
      } catch (NotFound e) {
        lines = List.of();
      } catch (DomainException e) {
        feedback.refused(e);
      }
    }
    applyFilter();
  }

  public void applyFilter() {
    String needle = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
    shown = needle.isEmpty() ? lines : lines.stream().filter(l -> l.toLowerCase(Locale.ROOT).contains(needle)).toList();
  }

  public void follow() {
    following = true;
    refresh();
  }

  public void pause() {
    following = false;
  }

  /** The line's level colour. */
  public String level(String line) {
    if (ERROR.matcher(line).find()) {
      return "log-error";
    }
    return WARNING.matcher(line).find() ? "log-warning" : "log-info";
  }

  public boolean isPolling() {
    return following && bot != null && TAB_ID.equals(fleet.getOpenTab());
  }

  public List<String> getLines() {
    return shown;
  }

  public int getTotal() {
    return lines.size();
  }

  public String getFilter() {
    return filter;
  }

  public void setFilter(String filter) {
    this.filter = filter;
  }

  public boolean isFollowing() {
    return following;
  }
}
