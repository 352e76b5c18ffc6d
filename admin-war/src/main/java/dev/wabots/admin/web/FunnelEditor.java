package dev.wabots.admin.web;

import dev.wabots.funnel.BusinessProfile;
import dev.wabots.funnel.DefinitionProblem;
import dev.wabots.funnel.FunnelDefinition;
import dev.wabots.funnel.FunnelDraft;
import dev.wabots.funnel.FunnelDraft.Option;
import dev.wabots.funnel.FunnelDraft.Screen;
import dev.wabots.funnel.InvalidDefinitionException;
import dev.wabots.funnel.Placeholder;
import dev.wabots.funnels.boundary.Profiles;
import dev.wabots.platform.DomainException;
import dev.wabots.whatsapp.CloudApiLimits;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Funnel tab's screens editor: the definition as a searchable list of screens; the chosen
 * screen's texts with the WhatsApp preview and the values of its {@code {placeholders}} (from the
 * bot's business profile), its buttons or list rows with character counters against WhatsApp's
 * limits and where each leads; add, copy and delete screens; the screens nothing reaches and the
 * buttons that lead nowhere; problems in the person's language. Saving goes through {@link
 * FunnelTab} (the same use case as the JSON view), so the running bot takes it.
 */
@Named
@ViewScoped
public class FunnelEditor implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z0-9_]+)}");

  @Inject Feedback feedback;

  @Inject FunnelTab tab;

  @Inject Profiles profiles;

  @Inject dev.wabots.funnels.boundary.Funnels funnels;

  @Inject TestChatTab chat;

  @Inject dev.wabots.sandbox.boundary.Sandbox sandbox;

  private String botId;
  private FunnelDraft draft;
  private boolean unreadable;
  private String selected;
  private String search;
  private String newKey;
  private List<String> problems = List.of();
  private boolean checked;
  private Map<String, String> values = Map.of();
  private Set<String> unreachable = Set.of();
  private List<FunnelDraft.Dangling> dangling = List.of();

  /** A choice of where a button leads: screens (comma-separated) or "" for the engine's own step. */
  public record Choice(String value, String label) implements Serializable {}

  /** A placeholder of the chosen screen and what it shows. */
  public record Value(String name, String value, boolean example) implements Serializable {}

  /** Takes the definition the tab shows (opened, saved, reset, or saved as JSON). */
  void load(String bot, String json) {
    botId = bot;
    problems = List.of();
    checked = false;
    try {
      draft = FunnelDraft.of(json);
      unreadable = false;
    } catch (InvalidDefinitionException | IllegalArgumentException e) {
      draft = null;
      unreadable = true;
      return;
    }
    if (selected == null || draft.screen(selected).isEmpty()) {
      selected = draft.screens().isEmpty() ? null : draft.screens().get(0).getKey();
    }
    values = placeholderValues(json);
    analyse();
  }

  /** The placeholder values of every screen, from the bot's business profile (examples for the conversation's). */
  private Map<String, String> placeholderValues(String json) {
    try {
      FunnelDefinition definition = FunnelDefinition.read(json);
      BusinessProfile own = profile();
      FunnelDefinition bound = own == null ? definition : definition.withProfile(own);
      Map<String, String> found = new HashMap<>(bound.placeholderValues());
      for (Screen screen : draft.screens()) {
        for (Placeholder p : bound.placeholders(screen.getKey())) {
          if (p.value() != null) {
            found.putIfAbsent(p.name(), p.value());
          }
        }
      }
      return found;
    } catch (RuntimeException e) {
      // A definition too broken to fill: the preview shows the placeholders as they are.
      return Map.of();
    }
  }

  /** The bot's business profile as the funnel uses it, or null (the definition's defaults). */
  private BusinessProfile profile() {
    try {
      Map<String, Object> fields = new LinkedHashMap<>(profiles.get(botId).effective());
      fields.remove("yoomoney_secret");
      fields.values().removeIf(java.util.Objects::isNull);
      return BusinessProfile.fromJson(Json.createObjectBuilder(fields).build().toString());
    } catch (DomainException | IllegalArgumentException e) {
      return null;
    }
  }

  private void analyse() {
    try {
      unreachable = draft.unreachable();
    } catch (RuntimeException e) {
      unreachable = Set.of();
    }
    dangling = draft.dangling();
  }

  // --- actions ---

  public void select(String key) {
    if (draft != null && draft.screen(key).isPresent()) {
      selected = key;
    }
  }

  public void add() {
    String key = newKey == null ? "" : newKey.strip().toLowerCase(Locale.ROOT);
    if (!draft.isFreeKey(key)) {
      feedback.atField("newKey", "funnel.editor.bad_key");
      return;
    }
    draft.add(key, feedback.text("funnel.editor.new_body"));
    selected = key;
    newKey = null;
    analyse();
    feedback.done("funnel.editor.added", key);
  }

  public void copy() {
    Screen screen = getScreen();
    if (screen == null) {
      return;
    }
    String key = screen.getKey() + "_copy";
    for (int n = 2; !draft.isFreeKey(key); n++) {
      key = screen.getKey() + "_copy" + n;
    }
    draft.copy(screen.getKey(), key);
    selected = key;
    analyse();
    feedback.done("funnel.editor.copied", screen.getKey(), key);
  }

  public void delete() {
    Screen screen = getScreen();
    if (screen == null) {
      return;
    }
    if (FunnelDraft.sentByEngine(screen.getKey())) {
      feedback.problem("funnel.editor.engine_screen", screen.getKey());
      return;
    }
    int at = draft.screens().indexOf(screen);
    draft.delete(screen.getKey());
    selected = draft.screens().isEmpty() ? null : draft.screens().get(Math.max(0, at - 1)).getKey();
    analyse();
    feedback.done("funnel.editor.deleted", screen.getKey());
  }

  public void addOption() {
    Screen screen = getScreen();
    Option added = screen.getList() == null
        ? draft.addButton(screen, feedback.text("funnel.editor.new_button"), "menu")
        : draft.addRow(screen, feedback.text("funnel.editor.new_button"), "menu");
    if (added == null) {
      feedback.problem("funnel.editor.no_more_buttons", CloudApiLimits.REPLY_BUTTONS);
      return;
    }
    analyse();
  }

  public void removeOption(Lead lead) {
    draft.remove(getScreen(), lead.option);
    analyse();
  }

  /** Validates the draft as the bot would, without saving; problems in the person's language. */
  public void check() {
    List<DefinitionProblem> found = draft.definition().validate();
    problems = describe(found);
    checked = true;
    analyse();
    if (found.isEmpty()) {
      feedback.done("funnel.no_problems");
    } else {
      feedback.problem("funnel.editor.check_problems", found.size());
    }
  }

  /** Saves the drafted definition; the running bot takes it. */
  public void save() {
    String json = draft.toJson();
    List<DefinitionProblem> found = draft.definition().validate();
    if (!found.isEmpty()) {
      problems = describe(found);
      checked = true;
      analyse();
      feedback.problem("funnel.invalid", found.size());
      return;
    }
    String keep = selected;
    if (tab.saveDraft(json)) {
      selected = keep;
      problems = List.of();
    } else {
      problems = tab.getProblems().stream().map(FunnelTab.Problem::message).toList();
      checked = true;
    }
  }

  /**
   * "Try it": the bot sends the chosen screen (as saved) to the test chat's number, and the test
   * chat opens. A number that has not written within 24 hours greets the bot first, as a customer
   * would, since WhatsApp lets a bot write only then.
   */
  public void tryIt() {
    Screen screen = getScreen();
    if (screen == null || botId == null) {
      return;
    }
    String phone = chat.getPhone();
    try {
      try {
        funnels.showScreen(botId, phone, screen.getKey());
      } catch (dev.wabots.platform.Conflict e) {
        if (e.fields().stream().noneMatch(f -> f.field().equals("window_closed"))) {
          throw e;
        }
        sandbox.inbound(botId, phone, TestChatTab.CONTACT_NAME, draft.definition().greetings().get(0), null);
        funnels.showScreen(botId, phone, screen.getKey());
      }
      feedback.done("funnel.editor.tried", screen.getKey(), phone);
      org.primefaces.PrimeFaces.current().executeScript(
          "document.querySelector(\"a[href='#tabs:" + TestChatTab.TAB_ID + "']\").click()");
    } catch (dev.wabots.platform.Conflict e) {
      if (e.fields().stream().anyMatch(f -> f.field().equals("needs_conversation"))) {
        feedback.problem("funnel.editor.try_needs_conversation", screen.getKey());
      } else if (e.fields().stream().anyMatch(f -> f.field().equals("mode"))) {
        feedback.problem("funnel.editor.try_sandbox_only");
      } else {
        feedback.problem("funnel.editor.try_not_running");
      }
    } catch (dev.wabots.platform.Invalid e) {
      feedback.problem("funnel.editor.try_save_first", screen.getKey());
    } catch (DomainException e) {
      feedback.refused(e);
    }
  }

  /** Whether the bot is in the sandbox, where the test chat is. */
  public boolean isSandbox() {
    return tab.getBot() != null && "sandbox".equals(tab.getBot().mode());
  }

  private List<String> describe(List<DefinitionProblem> found) {
    ProblemText text = new ProblemText((key, args) -> feedback.text(key, args));
    return found.stream().map(p -> text.describe(p.node(), p.rule().name(), p.message())).toList();
  }

  // --- what the view shows ---

  public boolean isReadable() {
    return draft != null;
  }

  public boolean isUnreadable() {
    return unreadable;
  }

  /** The screens whose key or texts contain the search, in the definition's order. */
  public List<Screen> getScreens() {
    if (draft == null) {
      return List.of();
    }
    String q = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
    return draft.screens().stream().filter(s -> q.isEmpty() || matches(s, q)).toList();
  }

  private static boolean matches(Screen s, String q) {
    List<String> texts = new ArrayList<>(List.of(s.getKey()));
    java.util.stream.Stream.of(s.getHeader(), s.getBody(), s.getFooter()).filter(java.util.Objects::nonNull)
        .forEach(texts::add);
    s.options().forEach(o -> {
      texts.add(String.valueOf(o.getTitle()));
      texts.add(String.valueOf(o.getId()));
    });
    return texts.stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(q));
  }

  public Screen getScreen() {
    return draft == null || selected == null ? null : draft.screen(selected).orElse(null);
  }

  public boolean isUnreachable(String key) {
    return unreachable.contains(key);
  }

  public boolean isSentByEngine(String key) {
    return FunnelDraft.sentByEngine(key);
  }

  public List<String> getUnreachable() {
    return List.copyOf(unreachable);
  }

  public List<FunnelDraft.Dangling> getDangling() {
    return dangling;
  }

  /** The chosen screen's buttons or rows, each with where it leads. */
  public List<Lead> getLeads() {
    Screen screen = getScreen();
    if (screen == null) {
      return List.of();
    }
    List<Lead> leads = new ArrayList<>();
    for (Option option : screen.options()) {
      leads.add(new Lead(screen, option));
    }
    return leads;
  }

  /** Whether the chosen screen offers a list (rows) rather than reply buttons. */
  public boolean isList() {
    Screen screen = getScreen();
    return screen != null && screen.getList() != null;
  }

  public void setList(boolean list) {
    Screen screen = getScreen();
    if (screen != null) {
      screen.useList(list, feedback.text("funnel.editor.list_button_default"));
    }
  }

  /** The chosen screen's text as WhatsApp shows it, placeholders filled. */
  public String getPreview() {
    Screen screen = getScreen();
    if (screen == null) {
      return "";
    }
    return WhatsAppText.html(fill(screen.getBody()));
  }

  public String preview(String text) {
    return WhatsAppText.html(fill(text));
  }

  /** {@code {name}} → its value; unknown placeholders stay as they are. */
  String fill(String text) {
    if (text == null) {
      return "";
    }
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The placeholders the chosen screen uses, with their values. */
  public List<Value> getPlaceholders() {
    Screen screen = getScreen();
    if (screen == null) {
      return List.of();
    }
    List<String> texts = new ArrayList<>();
    java.util.stream.Stream.of(screen.getHeader(), screen.getBody(), screen.getFooter())
        .filter(java.util.Objects::nonNull).forEach(texts::add);
    screen.options().forEach(o -> {
      texts.add(String.valueOf(o.getTitle()));
      texts.add(String.valueOf(o.getDescription()));
    });
    Map<String, Value> found = new LinkedHashMap<>();
    for (String text : texts) {
      Matcher m = PLACEHOLDER.matcher(text);
      while (m.find()) {
        found.putIfAbsent(m.group(1), new Value(m.group(1), values.get(m.group(1)), false));
      }
    }
    return List.copyOf(found.values());
  }

  /** Characters as WhatsApp counts them (an emoji is one). */
  public int length(String text) {
    return text == null ? 0 : CloudApiLimits.length(text);
  }

  /** The body's limit: a screen with buttons or a list is interactive. */
  public int getBodyMax() {
    Screen screen = getScreen();
    return screen != null && (screen.getList() != null || !screen.getButtons().isEmpty())
        ? CloudApiLimits.INTERACTIVE_BODY : CloudApiLimits.TEXT_BODY;
  }

  public int getHeaderMax() {
    return CloudApiLimits.HEADER_TEXT;
  }

  public int getFooterMax() {
    return CloudApiLimits.FOOTER;
  }

  public int getListButtonMax() {
    return CloudApiLimits.LIST_BUTTON_TEXT;
  }

  public int getSectionTitleMax() {
    return CloudApiLimits.SECTION_TITLE;
  }

  public int getDescriptionMax() {
    return CloudApiLimits.ROW_DESCRIPTION;
  }

  /** Where a button can lead: every screen. */
  public List<Choice> getScreenChoices() {
    return draft == null ? List.of() : draft.screens().stream().map(s -> new Choice(s.getKey(), s.getKey())).toList();
  }

  public List<String> getProblems() {
    return problems;
  }

  /** The draft was checked (or refused) since it was loaded: the problem list is current. */
  public boolean isChecked() {
    return checked;
  }

  public String getSearch() {
    return search;
  }

  public void setSearch(String search) {
    this.search = search;
  }

  public String getNewKey() {
    return newKey;
  }

  public void setNewKey(String newKey) {
    this.newKey = newKey;
  }

  public String getSelected() {
    return selected;
  }

  /** A button or list row of the chosen screen and where it leads. */
  public final class Lead implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Screen screen;
    private final Option option;

    Lead(Screen screen, Option option) {
      this.screen = screen;
      this.option = option;
    }

    public Option getOption() {
      return option;
    }

    public boolean isRow() {
      return screen.getList() != null;
    }

    public int getTitleMax() {
      return isRow() ? CloudApiLimits.ROW_TITLE : CloudApiLimits.BUTTON_TITLE;
    }

    /** The screens it leads to, comma-separated; "" when the engine's step handles it. */
    public String getTarget() {
      return String.join(",", draft.leadsTo(option.getId()));
    }

    public void setTarget(String target) {
      if (target == null || target.isBlank() || target.equals(getTarget())) {
        return;
      }
      draft.lead(screen, option, List.of(target.split(",")));
      analyse();
    }

    /** The engine's step that handles it, as people call it, or null. */
    public String getEngineStep() {
      return draft.engineStep(option.getId()).map(step -> {
        String label = feedback.text("funnel.editor.step." + step);
        return label.startsWith("funnel.editor.step.") ? feedback.text("funnel.editor.step", step) : label;
      }).orElse(null);
    }

    /** The screens to choose from, after the current target when it is several screens or the engine's step. */
    public List<Choice> getChoices() {
      List<Choice> choices = new ArrayList<>();
      String target = getTarget();
      if (target.isEmpty()) {
        String step = getEngineStep();
        choices.add(new Choice("", step == null ? feedback.text("funnel.editor.nowhere") : step));
      } else if (target.contains(",")) {
        choices.add(new Choice(target, target.replace(",", " → ")));
      }
      choices.addAll(getScreenChoices());
      return choices;
    }
  }
}
