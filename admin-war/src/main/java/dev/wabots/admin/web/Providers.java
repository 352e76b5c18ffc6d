package dev.wabots.admin.web;

import dev.wabots.llm.boundary.LlmProviders;
import dev.wabots.llm.boundary.ProviderTest;
import dev.wabots.llm.boundary.ProviderView;
import dev.wabots.llm.entity.ProviderChanges;
import dev.wabots.llm.entity.ProviderField;
import dev.wabots.llm.entity.ProviderType;
import dev.wabots.platform.Conflict;
import dev.wabots.platform.DomainException;
import dev.wabots.platform.NotFound;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The LLM providers page ({@code /panel/providers}): the stored providers the person may see —
 * admins all, users their own, guests all but read-only — with add, edit, delete and a test call.
 * The API key is write-only: the form shows "set ✓ · ends with abcd", an empty field keeps it and
 * "remove key" clears it.
 */
@Named
@ViewScoped
public class Providers implements Serializable {

  private static final long serialVersionUID = 1L;
  /** The bots named in the domain's refusal to delete a provider in use. */
  private static final Pattern USED_BY = Pattern.compile("used by \\d+ bot\\(s\\): (.*?); ");

  @Inject LlmProviders providers;

  @Inject Feedback feedback;

  private List<ProviderView> list = List.of();
  private final Map<String, ProviderTest> tests = new HashMap<>();

  /** The provider being edited; null while adding one. */
  private ProviderView editing;
  private String name;
  private String type = ProviderType.OPENAI_COMPATIBLE.id();
  private String baseUrl;
  private String model;
  private String apiKey;
  private boolean enabled = true;
  private boolean acceptsImages;

  public void open() {
    reload();
  }

  private void reload() {
    try {
      list = providers.list().stream()
          .sorted(Comparator.comparing((ProviderView p) -> p.name().toLowerCase(Locale.ROOT)))
          .toList();
    } catch (DomainException e) {
      feedback.refused(e);
    }
  }

  /** A blank form for a new provider. */
  public void add() {
    editing = null;
    name = null;
    type = ProviderType.OPENAI_COMPATIBLE.id();
    baseUrl = null;
    model = null;
    apiKey = null;
    enabled = true;
    acceptsImages = false;
  }

  /** The form filled with a provider (never its key). */
  public void edit(String id) {
    list.stream().filter(p -> p.id().equals(id)).findFirst().ifPresent(p -> {
      editing = p;
      name = p.name();
      type = p.type();
      baseUrl = p.baseUrl();
      model = p.model();
      apiKey = null;
      enabled = p.enabled();
      acceptsImages = p.acceptsImages();
    });
  }

  /** Creates or changes; only what differs is sent, an empty key field keeps the stored key. */
  public void save() {
    ProviderChanges c = ProviderChanges.none();
    try {
      ProviderView saved;
      if (editing == null) {
        c.set(ProviderField.NAME, name).set(ProviderField.TYPE, type).set(ProviderField.ENABLED, enabled)
            .set(ProviderField.ACCEPTS_IMAGES, acceptsImages);
        setIfGiven(c, ProviderField.BASE_URL, baseUrl);
        setIfGiven(c, ProviderField.MODEL, model);
        setIfGiven(c, ProviderField.API_KEY, apiKey);
        saved = providers.create(c);
        feedback.done("providers.created", saved.name());
      } else {
        diff(c, ProviderField.NAME, name, editing.name());
        diff(c, ProviderField.TYPE, type, editing.type());
        diff(c, ProviderField.BASE_URL, baseUrl == null ? "" : baseUrl, editing.baseUrl());
        diff(c, ProviderField.MODEL, model == null ? "" : model, editing.model() == null ? "" : editing.model());
        diff(c, ProviderField.ENABLED, enabled, editing.enabled());
        diff(c, ProviderField.ACCEPTS_IMAGES, acceptsImages, editing.acceptsImages());
        setIfGiven(c, ProviderField.API_KEY, apiKey);
        if (c.fields().isEmpty()) {
          feedback.done("save.nothing");
          return;
        }
        saved = providers.update(editing.id(), c);
        feedback.done("save.done", saved.name());
      }
      editing = saved;
      apiKey = null;
      tests.remove(saved.id());
      reload();
    } catch (NotFound e) {
      feedback.problem("providers.gone");
      reload();
    } catch (DomainException e) {
      feedback.refused(e, "provider.");
    }
  }

  /** Removes the stored key of the provider being edited. */
  public void clearKey() {
    if (editing == null) {
      return;
    }
    try {
      editing = providers.update(editing.id(), ProviderChanges.none().set(ProviderField.API_KEY, ""));
      feedback.done("providers.key_cleared", editing.name());
      reload();
    } catch (DomainException e) {
      feedback.refused(e, "provider.");
    }
  }

  public void delete(String id) {
    String shown = nameOf(id);
    try {
      providers.delete(id);
      tests.remove(id);
      feedback.done("providers.deleted", shown);
    } catch (NotFound e) {
      feedback.problem("providers.gone");
    } catch (Conflict e) {
      Matcher bots = USED_BY.matcher(e.getMessage());
      feedback.problem("providers.in_use", shown, bots.find() ? bots.group(1) : "");
    } catch (DomainException e) {
      feedback.refused(e);
    }
    reload();
  }

  /** One short prompt through the provider: its latency and reply, or the classified error. */
  public void test(String id) {
    try {
      ProviderTest t = providers.test(id);
      tests.put(id, t);
      if (t.ok()) {
        feedback.done("providers.test.ok", nameOf(id), t.latencyMs());
      } else {
        feedback.problem("providers.test.failed", nameOf(id), kindText(t.error()));
      }
    } catch (NotFound e) {
      feedback.problem("providers.gone");
      reload();
    } catch (DomainException e) {
      feedback.refused(e);
    }
  }

  /** The classified error in words, as on the AI tab. */
  public String kindText(String kind) {
    String key = "ai.error." + kind;
    String text = feedback.text(key);
    return text.equals(key) ? kind : text;
  }

  private String nameOf(String id) {
    return list.stream().filter(p -> p.id().equals(id)).map(ProviderView::name).findFirst().orElse(id);
  }

  private static void setIfGiven(ProviderChanges c, ProviderField field, String value) {
    if (value != null && !value.isBlank()) {
      c.set(field, value);
    }
  }

  private static void diff(ProviderChanges c, ProviderField field, Object value, Object loaded) {
    if (!Objects.equals(value, loaded)) {
      c.set(field, value);
    }
  }

  public List<ProviderView> getList() {
    return list;
  }

  public ProviderTest testOf(String id) {
    return tests.get(id);
  }

  public List<String> getTypes() {
    return Arrays.stream(ProviderType.values()).map(ProviderType::id).toList();
  }

  public boolean isEditingExisting() {
    return editing != null;
  }

  /** Whether the provider being edited has a stored key (shown only as its mask). */
  public boolean isKeySet() {
    return editing != null && editing.apiKeySet();
  }

  public ProviderView getEditing() {
    return editing;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public String getModel() {
    return model;
  }

  public void setModel(String model) {
    this.model = model;
  }

  public String getApiKey() {
    return apiKey;
  }

  public void setApiKey(String apiKey) {
    this.apiKey = apiKey;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public boolean isAcceptsImages() {
    return acceptsImages;
  }

  public void setAcceptsImages(boolean acceptsImages) {
    this.acceptsImages = acceptsImages;
  }
}
