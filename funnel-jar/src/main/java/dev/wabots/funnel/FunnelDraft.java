package dev.wabots.funnel;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A funnel definition as people edit it: its screens (text, reply buttons or list rows) and where
 * each button leads, changed in place, then written back as the definition's JSON with everything
 * else (settings, prices, quote, FAQ, questionnaire …) exactly as it was read.
 *
 * <p>Where a button leads is its reply id: a navigation route of the definition sends the route's
 * screens; the engine's own ids (quiz, discovery, FAQ, payment …) run a step of the funnel.
 * {@link #lead} points a button at screens of the person's choice, giving it an id of its own when
 * it had the engine's or shared its route with other buttons. Nothing here validates: {@link
 * #definition()}{@code .validate()} does, as for any definition.
 */
public final class FunnelDraft implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final Pattern KEY = Pattern.compile("[a-z0-9_]{1,40}");
  /** The prefix of the reply ids this class gives buttons ({@code nav:} is free for routes). */
  static final String OWN_ID = "nav:";

  private final String source;
  private final List<Screen> screens = new ArrayList<>();
  private final LinkedHashMap<String, Route> routes = new LinkedHashMap<>();
  private transient ReplyRouter router;

  private FunnelDraft(String source) {
    this.source = source;
  }

  /**
   * Reads the screens and routes of a definition's JSON.
   *
   * @throws InvalidDefinitionException if the JSON cannot be read, or its screens or routes do not
   *     have the shape of a definition's
   */
  public static FunnelDraft of(String json) {
    FunnelDraft draft = new FunnelDraft(Objects.requireNonNull(json, "json"));
    draft.router = new ReplyRouter(FunnelDefinition.read(json).data()); // the whole must be readable
    try {
      JsonNode tree = MAPPER.readTree(json);
      if (tree == null || !tree.isObject()) {
        throw malformed("(json)", "a funnel definition is a JSON object");
      }
      JsonNode screens = tree.path("screens");
      if (screens.isObject()) {
        for (Map.Entry<String, JsonNode> entry : screens.properties()) {
          Screen screen = MAPPER.treeToValue(entry.getValue(), Screen.class);
          if (screen == null) {
            throw malformed("screens." + entry.getKey(), "a screen is an object");
          }
          screen.key = entry.getKey();
          draft.screens.add(screen);
        }
      }
      JsonNode routes = tree.path("routes");
      if (routes.isObject()) {
        for (Map.Entry<String, JsonNode> entry : routes.properties()) {
          Route route = MAPPER.treeToValue(entry.getValue(), Route.class);
          draft.routes.put(entry.getKey(), route == null ? new Route() : route);
        }
      }
    } catch (JacksonException e) {
      throw malformed(e instanceof com.fasterxml.jackson.databind.JsonMappingException m ? m.getPathReference()
          : "(json)", e.getOriginalMessage());
    }
    return draft;
  }

  /** The definition's JSON with the draft's screens and routes, in the layout of the shipped files. */
  public String toJson() {
    try {
      ObjectNode tree = (ObjectNode) MAPPER.readTree(source);
      ObjectNode screenNodes = MAPPER.createObjectNode();
      screens.forEach(screen -> screenNodes.set(screen.key, MAPPER.valueToTree(screen)));
      ObjectNode routeNodes = MAPPER.createObjectNode();
      routes.forEach((id, route) -> routeNodes.set(id, MAPPER.valueToTree(route)));
      if (tree.has("screens") || !screens.isEmpty()) {
        tree.set("screens", screenNodes);
      }
      if (tree.has("routes") || !routes.isEmpty()) {
        tree.set("routes", routeNodes);
      }
      DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
          .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
          .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
      return MAPPER.writer(printer).writeValueAsString(tree) + "\n";
    } catch (JacksonException e) {
      throw new IllegalStateException("the draft's source was read before: " + e.getOriginalMessage(), e);
    }
  }

  /** The definition as drafted (not validated), e.g. to {@link FunnelDefinition#validate()} it. */
  public FunnelDefinition definition() {
    return FunnelDefinition.read(toJson());
  }

  /** The screens in the definition's order; change them in place. */
  public List<Screen> screens() {
    return java.util.Collections.unmodifiableList(screens);
  }

  public Optional<Screen> screen(String key) {
    return screens.stream().filter(s -> s.key.equals(key)).findFirst();
  }

  /** The navigation routes by reply id (read-only: {@link #lead} changes them). */
  public Map<String, List<String>> routes() {
    Map<String, List<String>> view = new LinkedHashMap<>();
    routes.forEach((id, route) -> view.put(id, List.copyOf(route.send)));
    return view;
  }

  /** Whether {@code key} can name a new screen: {@code [a-z0-9_]}, at most 40, not taken. */
  public boolean isFreeKey(String key) {
    return key != null && KEY.matcher(key).matches() && screen(key).isEmpty();
  }

  /**
   * A new text screen at the end.
   *
   * @throws IllegalArgumentException if {@code key} is not {@link #isFreeKey free}
   */
  public Screen add(String key, String body) {
    requireFree(key);
    Screen screen = new Screen();
    screen.key = key;
    screen.body = body;
    screens.add(screen);
    return screen;
  }

  /**
   * A copy of screen {@code from} right after it: the same texts, and buttons that lead where the
   * original's do.
   *
   * @throws IllegalArgumentException if there is no such screen or {@code key} is not free
   */
  public Screen copy(String from, String key) {
    Screen original = screen(from).orElseThrow(() -> new IllegalArgumentException("no screen " + from));
    requireFree(key);
    Screen copy = MAPPER.convertValue(original, Screen.class);
    copy.key = key;
    screens.add(screens.indexOf(original) + 1, copy);
    return copy;
  }

  /**
   * Removes a screen. Routes that sent it keep its name, so the buttons that led there are listed
   * by {@link #dangling()} until they lead elsewhere.
   */
  public void delete(String key) {
    screens.removeIf(s -> s.key.equals(key));
    prune();
  }

  /**
   * Whether the engine or the bot sends this screen by its name (the welcome, the menu, the quiz
   * questions …): the definition is invalid without it.
   */
  public static boolean sentByEngine(String key) {
    return Screens.REQUIRED.contains(key) || FunnelMessages.PAYMENT_RECEIVED.equals(key)
        || Screens.COMING_SOON.equals(key);
  }

  /** The screens a route sends for {@code replyId}; empty when no route handles it. */
  public List<String> leadsTo(String replyId) {
    Route route = replyId == null ? null : routes.get(replyId);
    return route == null ? List.of() : List.copyOf(route.send);
  }

  /**
   * The step of the engine that handles {@code replyId} ({@code start_quiz}, {@code contact},
   * {@code faq_answer} …), or empty when a route handles it or nothing does.
   */
  public Optional<String> engineStep(String replyId) {
    if (replyId == null || replyId.indexOf(':') < 1) {
      return Optional.empty();
    }
    Action action = router().builtIn(replyId);
    return action.handled() ? Optional.of(action.kind().name().toLowerCase(Locale.ROOT)) : Optional.empty();
  }

  /**
   * Makes {@code option} of {@code screen} lead to {@code targets} (screens sent in order). A
   * button whose route only it uses gets that route changed; one with the engine's id, an unhandled
   * id or a route other buttons share gets an id and route of its own (the shared route keeps its
   * event and data in the copy, so the funnel's analytics keep counting it).
   */
  public void lead(Screen screen, Option option, List<String> targets) {
    if (targets == null || targets.isEmpty() || !screen.options().contains(option)) {
      throw new IllegalArgumentException("a button of the screen and at least one target");
    }
    Route current = option.id == null ? null : routes.get(option.id);
    boolean own = option.id != null && engineStep(option.id).isEmpty() && validRouteId(option.id);
    if (current != null && usages(option.id) == 1) {
      current.send = new ArrayList<>(targets);
    } else if (current == null && own) {
      Route route = new Route();
      route.send = new ArrayList<>(targets);
      routes.put(option.id, route);
    } else {
      Route route = new Route();
      route.send = new ArrayList<>(targets);
      if (current != null) {
        route.event = current.event;
        route.data = new LinkedHashMap<>(current.data);
      }
      option.id = freshId(screen.key);
      routes.put(option.id, route);
    }
  }

  /** A new reply button leading to {@code target}, or null when the screen has a list or 3 buttons. */
  public Option addButton(Screen screen, String title, String target) {
    if (screen.list != null || screen.buttons.size() >= dev.wabots.whatsapp.CloudApiLimits.REPLY_BUTTONS) {
      return null;
    }
    Option option = new Option();
    option.title = title;
    screen.buttons.add(option);
    lead(screen, option, List.of(target));
    return option;
  }

  /** A new row in the list's last section leading to {@code target}, or null when it has no list. */
  public Option addRow(Screen screen, String title, String target) {
    if (screen.list == null) {
      return null;
    }
    if (screen.list.sections.isEmpty()) {
      screen.list.sections.add(new Section());
    }
    Option option = new Option();
    option.title = title;
    screen.list.sections.get(screen.list.sections.size() - 1).rows.add(option);
    lead(screen, option, List.of(target));
    return option;
  }

  /** Removes a button or list row (its route stays for other buttons that may use its id). */
  public void remove(Screen screen, Option option) {
    screen.buttons.remove(option);
    if (screen.list != null) {
      screen.list.sections.forEach(section -> section.rows.remove(option));
    }
    prune();
  }

  /**
   * Routes no button uses any more (a button of an old message may still) forget screens that no
   * longer exist, and go when they have none left: they must not make the definition invalid.
   */
  private void prune() {
    Set<String> keys = new LinkedHashSet<>();
    screens.forEach(s -> keys.add(s.key));
    routes.entrySet().removeIf(entry -> {
      if (usages(entry.getKey()) > 0) {
        return false;
      }
      entry.getValue().send.removeIf(target -> !keys.contains(target));
      return entry.getValue().send.isEmpty();
    });
  }

  /** Screens nothing sends (see {@link FunnelDefinition#unreachableScreens()}). */
  public Set<String> unreachable() {
    return new Reachability(definition().data()).unreachable();
  }

  /**
   * Buttons and rows that lead nowhere: to a screen that does not exist, or with an id neither a
   * route nor the engine handles.
   */
  public List<Dangling> dangling() {
    Set<String> keys = new LinkedHashSet<>();
    screens.forEach(s -> keys.add(s.key));
    List<Dangling> found = new ArrayList<>();
    for (Screen screen : screens) {
      for (Option option : screen.options()) {
        List<String> targets = leadsTo(option.id);
        if (targets.isEmpty() && engineStep(option.id).isEmpty()) {
          found.add(new Dangling(screen.key, option.title, option.id, null));
        }
        targets.stream().filter(t -> !keys.contains(t)).forEach(t ->
            found.add(new Dangling(screen.key, option.title, option.id, t)));
      }
    }
    return found;
  }

  /**
   * A button or row leading nowhere.
   *
   * @param screen the screen that offers it
   * @param title its title
   * @param replyId its reply id
   * @param missing the screen it leads to that does not exist, or null when nothing handles its id
   */
  public record Dangling(String screen, String title, String replyId, String missing) {}

  private int usages(String id) {
    return (int) screens.stream().flatMap(s -> s.options().stream()).filter(o -> id.equals(o.id)).count();
  }

  private String freshId(String screenKey) {
    for (int n = 1; ; n++) {
      String id = OWN_ID + screenKey + "_" + n;
      if (!routes.containsKey(id) && engineStep(id).isEmpty() && usages(id) == 0) {
        return id;
      }
    }
  }

  private static boolean validRouteId(String id) {
    int colon = id.indexOf(':');
    return colon > 0 && colon < id.length() - 1
        && Set.of("sales", "faq", "nav", "tz").contains(id.substring(0, colon)) && !id.startsWith("tz:");
  }

  private void requireFree(String key) {
    if (!isFreeKey(key)) {
      throw new IllegalArgumentException("a screen key is [a-z0-9_], at most 40, and not taken: " + key);
    }
  }

  /** The engine's router over the parts a draft does not change (tables, FAQ, questionnaire). */
  private ReplyRouter router() {
    if (router == null) {
      router = new ReplyRouter(FunnelDefinition.read(source).data());
    }
    return router;
  }

  private static InvalidDefinitionException malformed(String node, String message) {
    return new InvalidDefinitionException(List.of(new DefinitionProblem(node, DefinitionRule.MALFORMED, message)));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /** A screen: an optional header and footer, the text, and reply buttons or a list (or neither). */
  @JsonPropertyOrder({"header", "body", "footer", "buttons", "list", "event"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static final class Screen implements Serializable {
    private static final long serialVersionUID = 1L;
    @JsonIgnore private String key;
    private String header;
    private String body;
    private String footer;

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private List<Option> buttons = new ArrayList<>();

    private ListPart list;
    private String event;

    @JsonIgnore
    public String getKey() {
      return key;
    }

    /** The buttons, or the rows of every section of the list, in order. */
    @JsonIgnore
    public List<Option> options() {
      List<Option> all = new ArrayList<>(buttons);
      if (list != null) {
        list.sections.forEach(section -> all.addAll(section.rows));
      }
      return all;
    }

    /** Turns a screen with buttons (or none) into one with a list of one section, and back. */
    @JsonIgnore
    public void useList(boolean useList, String button) {
      if (useList && list == null) {
        list = new ListPart();
        list.button = button;
        Section section = new Section();
        section.rows.addAll(buttons);
        list.sections.add(section);
        buttons = new ArrayList<>();
      } else if (!useList && list != null) {
        buttons = new ArrayList<>(options().subList(0, Math.min(options().size(),
            dev.wabots.whatsapp.CloudApiLimits.REPLY_BUTTONS)));
        list = null;
      }
    }

    public String getHeader() {
      return header;
    }

    public void setHeader(String header) {
      this.header = blankToNull(header);
    }

    public String getBody() {
      return body;
    }

    public void setBody(String body) {
      this.body = body;
    }

    public String getFooter() {
      return footer;
    }

    public void setFooter(String footer) {
      this.footer = blankToNull(footer);
    }

    public List<Option> getButtons() {
      return buttons;
    }

    public void setButtons(List<Option> buttons) {
      this.buttons = buttons == null ? new ArrayList<>() : new ArrayList<>(buttons);
    }

    public ListPart getList() {
      return list;
    }

    public void setList(ListPart list) {
      this.list = list;
    }

    public String getEvent() {
      return event;
    }

    public void setEvent(String event) {
      this.event = blankToNull(event);
    }
  }

  /** A reply button or a list row (rows may have a description). */
  @JsonPropertyOrder({"id", "title", "description"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static final class Option implements Serializable {
    private static final long serialVersionUID = 1L;
    private String id;
    private String title;
    private String description;

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
    }

    public String getTitle() {
      return title;
    }

    public void setTitle(String title) {
      this.title = title;
    }

    public String getDescription() {
      return description;
    }

    public void setDescription(String description) {
      this.description = blankToNull(description);
    }
  }

  /** A list message's part: the text of the button that opens it, and its sections. */
  @JsonPropertyOrder({"button", "sections"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static final class ListPart implements Serializable {
    private static final long serialVersionUID = 1L;
    private String button;
    private List<Section> sections = new ArrayList<>();

    public String getButton() {
      return button;
    }

    public void setButton(String button) {
      this.button = button;
    }

    public List<Section> getSections() {
      return sections;
    }

    public void setSections(List<Section> sections) {
      this.sections = sections == null ? new ArrayList<>() : new ArrayList<>(sections);
    }
  }

  /** A list section: a title (needed when there are several) and its rows. */
  @JsonPropertyOrder({"title", "rows"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static final class Section implements Serializable {
    private static final long serialVersionUID = 1L;
    private String title;
    private List<Option> rows = new ArrayList<>();

    public String getTitle() {
      return title;
    }

    public void setTitle(String title) {
      this.title = blankToNull(title);
    }

    public List<Option> getRows() {
      return rows;
    }

    public void setRows(List<Option> rows) {
      this.rows = rows == null ? new ArrayList<>() : new ArrayList<>(rows);
    }
  }

  /** A navigation route as the JSON has it. */
  @JsonPropertyOrder({"send", "event", "data"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  static final class Route implements Serializable {
    private static final long serialVersionUID = 1L;
    private List<String> send = new ArrayList<>();
    private String event;

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private LinkedHashMap<String, String> data = new LinkedHashMap<>();

    public List<String> getSend() {
      return send;
    }

    public void setSend(List<String> send) {
      this.send = send == null ? new ArrayList<>() : new ArrayList<>(send);
    }

    public String getEvent() {
      return event;
    }

    public void setEvent(String event) {
      this.event = event;
    }

    public Map<String, String> getData() {
      return data;
    }

    public void setData(Map<String, String> data) {
      this.data = data == null ? new LinkedHashMap<>() : new LinkedHashMap<>(data);
    }
  }
}
