package dev.wabots.admin.web;

import dev.wabots.funnel.FunnelReport;
import dev.wabots.funnel.ReportStep;
import dev.wabots.funnels.boundary.FunnelDefinitionView;
import dev.wabots.funnels.boundary.Funnels;
import dev.wabots.instances.boundary.InstanceView;
import dev.wabots.platform.DomainException;
import dev.wabots.platform.FieldError;
import dev.wabots.platform.Invalid;
import dev.wabots.platform.NotFound;
import dev.wabots.processes.boundary.BotProcesses;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.Serializable;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;

/**
 * The Funnel tab: how many people reached each step of the sales funnel over the last 7 or 30
 * days (a bar chart and the numbers), and the funnel's definition — the default of the bot's
 * language or its own — to edit, with every problem the validator finds. A bot reads its
 * definition when it starts.
 */
@Named
@ViewScoped
public class FunnelTab extends BotTab {

  private static final long serialVersionUID = 1L;
  static final String TAB_ID = "funnelTab";
  static final List<Integer> PERIODS = List.of(7, 30);
  /** The report's part of the tab, re-rendered when the tab opens. */
  static final String REPORT = "tabs:funnelForm:report";

  @Inject Funnels funnels;

  @Inject dev.wabots.funnels.boundary.Profiles profiles;

  @Inject BotProcesses processes;

  @Inject FunnelEditor editor;

  private int days = 7;
  private List<Row> rows = List.of();
  private long activeUsers;
  private String chart;
  private String definition;
  private FunnelDefinitionView view;
  private List<Problem> problems = List.of();
  private boolean saved;

  /** One step as the table shows it. */
  public record Row(String key, String label, long users, String ofPrevious, String ofFirst) implements Serializable {}

  /** One problem of the definition: where (a node of the JSON, or empty for the whole) and what. */
  public record Problem(String node, String message) implements Serializable {}

  @Override
  protected void fill(InstanceView b) {
    saved = false;
    refresh();
    loadDefinition();
  }

  /** The report for the chosen period (the tab opening, the period picker, the refresh button). */
  public void refresh() {
    if (bot == null) {
      return;
    }
    try {
      FunnelReport report = funnels.report(bot.id(), days);
      activeUsers = report.activeUsers();
      rows = report.steps().stream().map(this::row).toList();
      chart = chartJson(rows);
    } catch (NotFound e) {
      rows = List.of();
    } catch (DomainException e) {
      feedback.refused(e);
    }
  }

  private void loadDefinition() {
    try {
      show(funnels.definition(bot.id()));
    } catch (NotFound e) {
      view = null;
    } catch (DomainException e) {
      feedback.refused(e);
    }
  }

  public void save() {
    try {
      show(funnels.override(bot.id(), definition));
      saved = true;
      applied(profiles.applyToRunningBot(bot.id()));
    } catch (Invalid e) {
      problems = e.fields().stream().map(this::problem).toList();
      feedback.problem("funnel.invalid", problems.size());
    } catch (NotFound e) {
      feedback.problem("error.bot_gone", bot.id());
    } catch (DomainException e) {
      feedback.refused(e);
    }
  }

  /** Saves a definition the screens editor built, as {@link #save()}; true when it was saved. */
  public boolean saveDraft(String json) {
    definition = json;
    saved = false;
    save();
    return saved;
  }

  /** Back to the default definition of the bot's language. */
  public void reset() {
    try {
      show(funnels.reset(bot.id()));
      saved = true;
      feedback.done("funnel.reset_done");
      String outcome = profiles.applyToRunningBot(bot.id());
      if (outcome != null) {
        applied(outcome);
      }
    } catch (NotFound e) {
      feedback.problem("error.bot_gone", bot.id());
    } catch (DomainException e) {
      feedback.refused(e);
    }
  }

  /** What the running bot did with the saved definition. */
  private void applied(String outcome) {
    if (outcome == null) {
      feedback.done("funnel.saved");
    } else if (outcome.equals(dev.wabots.funnels.boundary.Profiles.APPLIED)) {
      feedback.done("funnel.saved_live");
    } else {
      feedback.problem("funnel.saved_not_applied", outcome);
    }
  }

  private void show(FunnelDefinitionView v) {
    view = v;
    definition = v.definition();
    problems = v.problems().stream().map(p -> new Problem(p.node(), described(p.node(), p.rule(), p.message()))).toList();
    editor.load(bot.id(), v.definition());
  }

  /** {@code definition.screens.welcome} → {@code screens.welcome}; the whole text → "". */
  Problem problem(FieldError f) {
    String node = f.field().equals("definition") ? "" : f.field().replaceFirst("^definition\\.", "");
    java.util.regex.Matcher rule = java.util.regex.Pattern.compile("^([a-z_]+): (.*)$", java.util.regex.Pattern.DOTALL)
        .matcher(f.message());
    return rule.matches() ? new Problem(node, described(node, rule.group(1), rule.group(2)))
        : new Problem(node, described(node, "", f.message()));
  }

  /** A problem in the person's language, with its line and column in the JSON text. */
  private String described(String node, String rule, String message) {
    String text = new ProblemText((key, args) -> feedback.text(key, args)).describe(node, rule, message);
    return JsonLocations.of(definition, node).map(at -> feedback.text("funnel.at", at.line(), at.column()) + " " + text)
        .orElse(text);
  }

  private Row row(ReportStep s) {
    return new Row(s.key(), label(s.key()), s.users(), percent(s.percentOfPrevious()), percent(s.percentOfFirst()));
  }

  private String label(String key) {
    String text = feedback.text("funnel.step." + key);
    return text.equals("funnel.step." + key) ? key : text;
  }

  private String percent(Double value) {
    if (value == null) {
      return "—";
    }
    NumberFormat f = NumberFormat.getNumberInstance(locale());
    f.setMaximumFractionDigits(1);
    return f.format(value) + " %";
  }

  /** A horizontal bar chart (Chart.js configuration for p:chart): users per step, in funnel order. */
  private String chartJson(List<Row> steps) {
    JsonArrayBuilder labels = Json.createArrayBuilder();
    JsonArrayBuilder data = Json.createArrayBuilder();
    steps.forEach(r -> {
      labels.add(r.label());
      data.add(r.users());
    });
    String json = Json.createObjectBuilder()
        .add("type", "bar")
        .add("data", Json.createObjectBuilder()
            .add("labels", labels)
            .add("datasets", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("label", feedback.text("funnel.users"))
                .add("data", data)
                .add("backgroundColor", "#42a5f5")
                .add("borderRadius", 4))))
        .add("options", Json.createObjectBuilder()
            .add("indexAxis", "y")
            .add("responsive", true)
            .add("maintainAspectRatio", false)
            .add("animation", false)
            .add("plugins", Json.createObjectBuilder().add("legend", Json.createObjectBuilder().add("display", false)))
            .add("scales", Json.createObjectBuilder().add("x", Json.createObjectBuilder()
                .add("beginAtZero", true)
                .add("ticks", Json.createObjectBuilder().add("precision", 0)))))
        .build()
        .toString();
    // Written into a script by p:chart: no "</" may end it early.
    return json.replace("</", "<\\/");
  }

  private static Locale locale() {
    return jakarta.faces.context.FacesContext.getCurrentInstance().getViewRoot().getLocale();
  }

  public InstanceView getBot() {
    return bot;
  }

  /** When the bot's own definition was saved, in the server's time zone. */
  public String getUpdated() {
    return view == null || view.updated() == null ? ""
        : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(view.updated().atZone(java.time.ZoneId.systemDefault()));
  }

  public boolean isRunning() {
    return bot != null && processes.stateOf(bot.id()).hasProcess();
  }

  public List<Integer> getPeriods() {
    return PERIODS;
  }

  public int getDays() {
    return days;
  }

  public void setDays(int days) {
    this.days = PERIODS.contains(days) ? days : 7;
  }

  public List<Row> getRows() {
    return rows;
  }

  public long getActiveUsers() {
    return activeUsers;
  }

  public String getChart() {
    return chart;
  }

  public String getDefinition() {
    return definition;
  }

  public void setDefinition(String definition) {
    this.definition = definition;
  }

  public FunnelDefinitionView getView() {
    return view;
  }

  public List<Problem> getProblems() {
    return problems;
  }

  /** Saved or reset in this view: the note about the next start turns into an offer to restart. */
  public boolean isSaved() {
    return saved;
  }

  public int getMaxChars() {
    return Funnels.MAX_DEFINITION_CHARS;
  }
}
