package dev.wabots.admin.web;

import dev.wabots.instances.boundary.InstanceView;
import dev.wabots.instances.boundary.Instances;
import dev.wabots.instances.entity.InstanceChanges;
import dev.wabots.instances.entity.InstanceField;
import dev.wabots.platform.DomainException;
import dev.wabots.platform.NotFound;
import dev.wabots.processes.boundary.BotProcesses;
import dev.wabots.processes.boundary.BotStatus;
import dev.wabots.processes.boundary.StartResult;
import jakarta.enterprise.event.Event;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.primefaces.PrimeFaces;
import org.primefaces.event.TabChangeEvent;

/**
 * The fleet page ({@code /panel/bots}): every bot the person may see with its process state, the
 * selected bot, and the actions on a bot as a whole. The list refreshes itself by polling; the
 * selection and the open tab survive it, and the tabs' forms are never re-rendered by it.
 */
@Named
@ViewScoped
public class Fleet implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Instances instances;

  @Inject BotProcesses processes;

  @Inject Feedback feedback;

  @Inject Event<BotSelected> selection;

  @Inject LogsTab logs;

  @Inject TestChatTab chat;

  @Inject FunnelTab funnel;

  @Inject dev.wabots.metrics.boundary.FleetHealth health;

  @Inject dev.wabots.metrics.boundary.FleetMemory fleetMemory;

  private List<InstanceView> bots = List.of();
  private List<InstanceView> shown = List.of();
  private final Map<String, Boolean> enabled = new HashMap<>();
  private final Map<String, List<dev.wabots.metrics.boundary.FleetHealth.BotTrouble>> troubles = new HashMap<>();
  private String search;
  private String selectedId;
  private InstanceView selected;
  private BotStatus status;
  private int activeTab;
  private String openTab;
  private String memory;

  /** Page load: the bot named in the URL ({@code ?bot=}), else the first one. */
  public void open() {
    try {
      reload();
      if (selected == null && !bots.isEmpty()) {
        selectedId = bots.get(0).id();
        reload();
      }
    } catch (DomainException e) {
      feedback.refused(e);
    }
    selection.fire(new BotSelected(selected));
  }

  /** The poll: fresh states; the forms of the selected bot are left alone unless it is gone. */
  public void refresh() {
    boolean had = selected != null;
    try {
      reload();
    } catch (DomainException e) {
      feedback.refused(e);
      return;
    }
    if (had && selected == null) {
      selection.fire(new BotSelected(null));
    }
  }

  public void select(String id) {
    selectedId = id;
    try {
      reload();
    } catch (DomainException e) {
      feedback.refused(e);
    }
    selection.fire(new BotSelected(selected));
  }

  /**
   * The detail's tab view switched tabs; the log, the test chat and the funnel report are read
   * afresh when their tab opens.
   */
  public void tabChanged(TabChangeEvent<?> event) {
    activeTab = event.getIndex();
    openTab = event.getTab().getId();
    if (LogsTab.TAB_ID.equals(openTab)) {
      logs.refresh();
    } else if (TestChatTab.TAB_ID.equals(openTab)) {
      chat.opened();
    } else if (FunnelTab.TAB_ID.equals(openTab)) {
      funnel.refresh();
      PrimeFaces.current().ajax().update(FunnelTab.REPORT);
    }
  }

  public void filter() {
    String needle = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
    shown = bots.stream()
        .filter(b -> needle.isEmpty()
            || b.name().toLowerCase(Locale.ROOT).contains(needle)
            || b.id().contains(needle))
        .toList();
  }

  public void start(String id) {
    act(id, () -> {
      StartResult result = processes.start(id);
      feedback.done("already_running".equals(result.status()) ? "bot.already_running" : "bot.started", nameOf(id));
    });
  }

  public void stop(String id) {
    act(id, () -> feedback.done(
        "stopped".equals(processes.stop(id)) ? "bot.stopped" : "bot.already_stopped", nameOf(id)));
  }

  public void restart(String id) {
    act(id, () -> {
      processes.restart(id);
      feedback.done("bot.restarted", nameOf(id));
    });
  }

  public void delete(String id) {
    String name = nameOf(id);
    act(id, () -> {
      instances.delete(id);
      feedback.done("bot.deleted", name);
    });
    if (selected == null && !bots.isEmpty()) {
      select(bots.get(0).id());
    }
  }

  /** The enabled switch of a row was flipped: {@link #getEnabled()} holds the new value. */
  public void toggleEnabled(String id) {
    boolean on = Boolean.TRUE.equals(enabled.get(id));
    act(id, () -> {
      changed(instances.update(id, InstanceChanges.none().set(InstanceField.ENABLED, on)));
      feedback.done(on ? "bot.enabled" : "bot.disabled", nameOf(id));
    });
  }

  /** A tab saved the selected bot. */
  void changed(InstanceView saved) {
    bots = bots.stream().map(b -> b.id().equals(saved.id()) ? saved : b).toList();
    enabled.put(saved.id(), saved.enabled());
    if (saved.id().equals(selectedId)) {
      selected = saved;
    }
    filter();
  }

  /** The add dialog created a bot: show it. */
  void created(InstanceView bot) {
    search = null;
    select(bot.id());
  }

  private void act(String id, Runnable action) {
    try {
      action.run();
    } catch (NotFound e) {
      feedback.problem("error.bot_gone", id);
    } catch (DomainException e) {
      feedback.refused(e);
    }
    if (!FacesContext.getCurrentInstance().getResponseComplete()) {
      refresh();
    }
  }

  private void reload() {
    bots = instances.list().stream()
        .sorted(Comparator.comparing((InstanceView b) -> b.name().toLowerCase(Locale.ROOT)).thenComparing(InstanceView::id))
        .toList();
    enabled.clear();
    bots.forEach(b -> enabled.put(b.id(), b.enabled()));
    troubles.clear();
    health.visible().forEach(t -> troubles.computeIfAbsent(t.bot(), k -> new java.util.ArrayList<>()).add(t));
    selected = bots.stream().filter(b -> b.id().equals(selectedId)).findFirst().orElse(null);
    if (selected == null) {
      selectedId = null;
    }
    status = selected == null ? null : processes.status(selected.id());
    memory = memoryLine(fleetMemory.visible());
    filter();
  }

  /** Under the list: what the running bots take together, and the machine's page merging. */
  private String memoryLine(dev.wabots.metrics.boundary.FleetMemory.Report r) {
    if (r.running() == 0) {
      return null;
    }
    String line = feedback.text("fleet.memory", r.running(), r.pssMb(), r.pssMbPerBot());
    return switch (r.ksm().state()) {
      case "running" -> line + " · " + feedback.text("fleet.memory.ksm_on", r.ksm().savedMb());
      case "off" -> line + " · " + feedback.text("fleet.memory.ksm_off");
      default -> line;
    };
  }

  /** The memory line; null while no bot runs. */
  public String getMemory() {
    return memory;
  }

  private String nameOf(String id) {
    return bots.stream().filter(b -> b.id().equals(id)).map(InstanceView::name).findFirst().orElse(id);
  }

  /** The status dot's style: running, stopped, starting, crashed (also crash loop, token refused). */
  public String dot(String state) {
    return switch (state == null ? "stopped" : state) {
      case "running" -> "dot dot-running";
      case "starting" -> "dot dot-starting";
      case "crashed", "crash_loop" -> "dot dot-crashed";
      default -> "dot dot-stopped";
    };
  }

  /** The dot of the selected bot, which also turns red when Meta refused its token. */
  public String getSelectedDot() {
    if (status == null) {
      return dot(selected == null ? null : selected.state());
    }
    return status.tokenInvalid() ? "dot dot-crashed" : dot(status.state());
  }

  /** Why the selected bot is in trouble, in the words of the supervisor or of Meta; else null. */
  public String getTrouble() {
    if (status == null) {
      return null;
    }
    if (status.tokenInvalid()) {
      return status.tokenProblem();
    }
    boolean troubled = "crashed".equals(status.state()) || "crash_loop".equals(status.state());
    return troubled ? status.lastExitReason() : null;
  }

  /** Why the bot needs attention, one reason a line in the page's language; empty when fine. */
  public String troubleText(String id) {
    return troubles.getOrDefault(id, List.of()).stream()
        .map(t -> feedback.text("trouble." + t.kind()) + (t.detail().isEmpty() ? "" : ": " + t.detail()))
        .collect(java.util.stream.Collectors.joining("\n"));
  }

  /** The kinds of the bot's troubles, space-separated (for tests and styles); empty when fine. */
  public String troubleKinds(String id) {
    return troubles.getOrDefault(id, List.of()).stream().map(t -> t.kind())
        .collect(java.util.stream.Collectors.joining(" "));
  }

  /** {@code 2 h 5 min} / {@code 5 min 3 s} / {@code 42 s}, in the page's language. */
  public String uptime(Long seconds) {
    if (seconds == null) {
      return "";
    }
    long h = seconds / 3600;
    long m = seconds % 3600 / 60;
    long s = seconds % 60;
    return h > 0 ? feedback.text("uptime.hours", h, m) : m > 0 ? feedback.text("uptime.minutes", m, s) : feedback.text("uptime.seconds", s);
  }

  public List<InstanceView> getBots() {
    return shown;
  }

  public int getTotal() {
    return bots.size();
  }

  public Map<String, Boolean> getEnabled() {
    return enabled;
  }

  public String getSearch() {
    return search;
  }

  public void setSearch(String search) {
    this.search = search;
  }

  public String getSelectedId() {
    return selectedId;
  }

  public void setSelectedId(String selectedId) {
    this.selectedId = selectedId;
  }

  public InstanceView getSelected() {
    return selected;
  }

  public BotStatus getStatus() {
    return status;
  }

  public int getActiveTab() {
    return activeTab;
  }

  public void setActiveTab(int activeTab) {
    this.activeTab = activeTab;
  }

  public String getOpenTab() {
    return openTab;
  }
}
