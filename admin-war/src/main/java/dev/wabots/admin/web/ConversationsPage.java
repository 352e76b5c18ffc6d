package dev.wabots.admin.web;

import dev.wabots.admin.web.ChatBubbles.Bubble;
import dev.wabots.conversations.boundary.ConversationPage;
import dev.wabots.conversations.boundary.ConversationView;
import dev.wabots.conversations.boundary.Conversations;
import dev.wabots.conversations.boundary.MessageView;
import dev.wabots.instances.boundary.InstanceView;
import dev.wabots.instances.boundary.Instances;
import dev.wabots.platform.DomainException;
import dev.wabots.platform.NotFound;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.primefaces.PrimeFaces;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * The Conversations page: every conversation of the bots the person may see, newest activity
 * first, filtered by bot, state and a search; the selected one as a WhatsApp-like thread with what
 * a person does — take over, reply (WhatsApp formatting previewed), a template outside the 24-hour
 * window, hand back, erase. A poll refreshes the list and the thread every few seconds; only what
 * changed is re-rendered, never the text being typed.
 */
@Named
@ViewScoped
public class ConversationsPage implements Serializable {

  private static final long serialVersionUID = 1L;
  static final int PAGE_SIZE = 25;
  static final Duration WINDOW = Duration.ofHours(24);
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd.MM HH:mm");

  @Inject transient Conversations conversations;

  @Inject transient Instances instances;

  @Inject Feedback feedback;

  private String bot;
  private String state;
  private String q;
  private String linkBot;
  private String linkPhone;
  private String selectedBot;
  private String selectedPhone;
  private ConversationView selected;
  /**
   * The thread shows its newest {@value #SHOWN_AT_ONCE} messages and a button for the {@value #SHOWN_AT_ONCE}
   * before them: rendering is most of the page's cost with a long thread (a 1 000-message thread
   * took 329 ms to open, BENCHMARKS.md), and a person reads from the end as in WhatsApp.
   */
  static final int SHOWN_AT_ONCE = 200;

  private List<Bubble> thread = List.of();
  private List<Bubble> bubbles = List.of();
  private int shown = SHOWN_AT_ONCE;
  private String seenThread = "";
  private String text;
  private String templateName = "hello_world";
  private String templateLanguage = "en_US";
  private String templateParameters;
  private final Rows rows = new Rows();

  /**
   * Opens the page: a link may name a conversation ({@code ?bot=…&phone=…}) or only a bot (its
   * conversations). The link's parameters are kept apart from the selection: view parameters are
   * applied again on every postback.
   */
  public void open() {
    if (linkBot != null && linkPhone != null && selectedBot == null) {
      select(linkBot, linkPhone);
    } else if (linkBot != null && bot == null) {
      bot = linkBot;
    }
  }

  public String getLinkBot() {
    return linkBot;
  }

  public void setLinkBot(String linkBot) {
    this.linkBot = linkBot;
  }

  public String getLinkPhone() {
    return linkPhone;
  }

  public void setLinkPhone(String linkPhone) {
    this.linkPhone = linkPhone;
  }

  /** The bots the person may see, for the filter. */
  public List<InstanceView> getBots() {
    try {
      return instances.list();
    } catch (DomainException e) {
      return List.of();
    }
  }

  /** Filters changed: back to the first page. */
  public void filter() {
    PrimeFaces.current().executeScript("PF('conversationsTable').getPaginator().setPage(0)");
  }

  public void select(String botId, String phone) {
    selectedBot = botId;
    selectedPhone = phone;
    seenThread = "";
    shown = SHOWN_AT_ONCE;
    text = null;
    loadThread();
  }

  /** The {@value #SHOWN_AT_ONCE} messages before the oldest one shown join the thread. */
  public void showEarlier() {
    shown += SHOWN_AT_ONCE;
    bubbles = newest(thread, shown);
  }

  /** How many older messages the thread does not show. */
  public int getEarlier() {
    return thread.size() - bubbles.size();
  }

  /** The newest {@code count} of {@code all}. */
  static <T> List<T> newest(List<T> all, int count) {
    return all.size() <= count ? all : List.copyOf(all.subList(all.size() - count, all.size())); // kept in the view state
  }

  /** The address of a bubble's file (see {@link ChatBubbles#fileOf}). */
  public String fileOf(ChatBubbles.Bubble b) {
    return ChatBubbles.fileOf(b, jakarta.faces.context.FacesContext.getCurrentInstance().getExternalContext()
        .getRequestContextPath(), selectedBot);
  }

  /** The poll: the thread (re-rendered only when it changed) and the list. */
  public void refresh() {
    if (selectedBot != null && loadThread()) {
      PrimeFaces.current().ajax().update("threadForm:thread", "threadForm:threadHead", "threadForm:actions");
      PrimeFaces.current().executeScript("wabots.chatToEnd()");
    }
  }

  /** @return whether anything shown changed */
  boolean loadThread() {
    try {
      selected = conversations.get(selectedBot, selectedPhone);
      List<MessageView> messages = conversations.messages(selectedBot, selectedPhone, 0);
      // A file's fate and a voice note's transcript arrive after their message: they count as changes too.
      String now = selected.state() + "|" + selected.operator() + "|" + messages.size() + "|"
          + (messages.isEmpty() ? 0 : messages.get(messages.size() - 1).seq()) + "|"
          + messages.stream().filter(m -> m.media() != null || m.transcript() != null)
              .map(m -> m.seq() + (m.media() == null ? "" : m.media().state()) + (m.transcript() == null ? "" : "t"))
              .toList();
      boolean changed = !now.equals(seenThread);
      seenThread = now;
      if (changed) {
        thread = ChatBubbles.ofThread(messages, ZoneId.systemDefault(), selectedBot, selectedPhone,
            ConversationsPage::refusalText);
        bubbles = newest(thread, shown);
      }
      return changed;
    } catch (NotFound e) {
      selected = null;
      thread = List.of();
      bubbles = List.of();
      selectedBot = null;
      selectedPhone = null;
      return true;
    } catch (DomainException e) {
      feedback.refused(e);
      return false;
    }
  }

  public void takeOver() {
    act(() -> conversations.takeOver(selectedBot, selectedPhone), "conversations.taken_over");
  }

  public void handBack() {
    act(() -> conversations.handBack(selectedBot, selectedPhone), "conversations.handed_back");
  }

  public void send() {
    if (text == null || text.isBlank()) {
      feedback.atField("reply", "conversations.text_required");
      return;
    }
    if (act(() -> conversations.reply(selectedBot, selectedPhone, text), "conversations.sent")) {
      text = null;
    }
  }

  public void sendTemplate() {
    List<String> parameters = templateParameters == null || templateParameters.isBlank() ? List.of()
        : Arrays.stream(templateParameters.split("\\R")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    act(() -> conversations.sendTemplate(selectedBot, selectedPhone, templateName, templateLanguage, parameters),
        "conversations.template_sent");
  }

  public void erase() {
    if (act(() -> {
      conversations.erase(selectedBot, selectedPhone);
      return null;
    }, "conversations.erased")) {
      selected = null;
      selectedBot = null;
      selectedPhone = null;
      thread = List.of();
      bubbles = List.of();
    }
  }

  private boolean act(java.util.function.Supplier<String> action, String done) {
    try {
      action.get();
      feedback.done(done);
      seenThread = "";
      loadThread();
      return true;
    } catch (DomainException e) {
      feedback.refused(e);
      return false;
    }
  }

  /** Whether free text may go: the customer wrote within 24 hours. */
  public boolean isWindowOpen() {
    return selected != null && selected.lastInboundAt() != null
        && selected.lastInboundAt().isAfter(Instant.now().minus(WINDOW));
  }

  public String when(Instant at) {
    return at == null ? "" : WHEN.format(at.atZone(ZoneId.systemDefault()));
  }

  public LazyDataModel<ConversationView> getRows() {
    return rows;
  }

  /** The list, a page at a time from the domain (which applies who may see what). */
  final class Rows extends LazyDataModel<ConversationView> {
    private static final long serialVersionUID = 1L;

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
      try {
        return (int) Math.min(Integer.MAX_VALUE, conversations.list(blank(bot), blank(state), blank(q), 0, 1).total());
      } catch (DomainException e) {
        return 0;
      }
    }

    @Override
    public List<ConversationView> load(int first, int pageSize, Map<String, SortMeta> sortBy,
        Map<String, FilterMeta> filterBy) {
      try {
        int size = Math.max(1, Math.min(pageSize, Conversations.MAX_PAGE_SIZE));
        ConversationPage page = conversations.list(blank(bot), blank(state), blank(q), first / size, size);
        setRowCount((int) Math.min(Integer.MAX_VALUE, page.total()));
        return page.items();
      } catch (DomainException e) {
        feedback.refused(e);
        return List.of();
      }
    }

    @Override
    public String getRowKey(ConversationView c) {
      return c.bot() + "/" + c.phone();
    }

    @Override
    public ConversationView getRowData(String key) {
      String[] parts = key.split("/", 2);
      try {
        return parts.length == 2 ? conversations.get(parts[0], parts[1]) : null;
      } catch (DomainException e) {
        return null;
      }
    }
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  public String getBot() {
    return bot;
  }

  public void setBot(String bot) {
    this.bot = bot;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public String getQ() {
    return q;
  }

  public void setQ(String q) {
    this.q = q;
  }

  public String getSelectedBot() {
    return selectedBot;
  }

  public void setSelectedBot(String selectedBot) {
    this.selectedBot = selectedBot;
  }

  public String getSelectedPhone() {
    return selectedPhone;
  }

  public void setSelectedPhone(String selectedPhone) {
    this.selectedPhone = selectedPhone;
  }

  public ConversationView getSelected() {
    return selected;
  }

  public List<Bubble> getBubbles() {
    return bubbles;
  }

  public String getText() {
    return text;
  }

  public void setText(String text) {
    this.text = text;
  }

  public String getTemplateName() {
    return templateName;
  }

  public void setTemplateName(String templateName) {
    this.templateName = templateName;
  }

  public String getTemplateLanguage() {
    return templateLanguage;
  }

  public void setTemplateLanguage(String templateLanguage) {
    this.templateLanguage = templateLanguage;
  }

  public String getTemplateParameters() {
    return templateParameters;
  }

  public void setTemplateParameters(String templateParameters) {
    this.templateParameters = templateParameters;
  }

  /** A refused file's reason in the person's language; an unknown code as it is. */
  static String refusalText(String code) {
    jakarta.faces.context.FacesContext context = jakarta.faces.context.FacesContext.getCurrentInstance();
    java.util.ResourceBundle msg = context == null ? null : context.getApplication().getResourceBundle(context, "msg");
    String key = "conversations.media_refused." + code;
    return msg != null && msg.containsKey(key) ? msg.getString(key) : code;
  }
}
