package dev.wabots.llm.boundary;

import dev.wabots.audit.boundary.AuditLog;
import dev.wabots.instances.boundary.InstanceView;
import dev.wabots.instances.control.Slugs;
import dev.wabots.instances.entity.LlmParams;
import dev.wabots.instances.entity.WhatsAppInstance;
import dev.wabots.llm.control.Attempt;
import dev.wabots.llm.control.BaseUrls;
import dev.wabots.llm.control.Prompt;
import dev.wabots.llm.control.ProviderAccess;
import dev.wabots.llm.control.ProviderKeys;
import dev.wabots.llm.control.ProviderRules;
import dev.wabots.llm.control.PublicAddresses;
import dev.wabots.llm.control.Route;
import dev.wabots.llm.control.Router;
import dev.wabots.llm.entity.ChatMessage;
import dev.wabots.llm.entity.LlmProvider;
import dev.wabots.llm.entity.ProviderChanges;
import dev.wabots.llm.entity.ProviderField;
import dev.wabots.llm.entity.ProviderType;
import dev.wabots.platform.Conflict;
import dev.wabots.platform.FieldError;
import dev.wabots.platform.Forbidden;
import dev.wabots.platform.Invalid;
import dev.wabots.security.Caller;
import dev.wabots.security.Callers;
import dev.wabots.users.entity.User;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Stored LLM providers: list, read, create, change, delete, test — with the same ownership rules
 * as bots (admins all, users and web their own, guests read; someone else's provider is a 404).
 * API keys are sealed at rest and write-only.
 */
@Stateless
public class LlmProviders {

  static final String TEST_SYSTEM = "You are a connectivity check. Answer with exactly one short word.";
  static final String TEST_QUESTION = "Reply with the single word OK.";

  @PersistenceContext EntityManager em;

  @Inject Callers callers;

  @Inject ProviderKeys keys;

  @Inject AuditLog audit;

  @Inject Router router;

  @Inject dev.wabots.llm.control.UsageQueue usage;

  /** Where the host names of addresses non-admins choose are resolved. */
  PublicAddresses addresses = PublicAddresses.DNS;

  public List<ProviderView> list() {
    Caller caller = callers.current();
    List<LlmProvider> found = caller.role().seesEveryBot()
        ? em.createNamedQuery(LlmProvider.ALL, LlmProvider.class).getResultList()
        : em.createNamedQuery(LlmProvider.BY_OWNER, LlmProvider.class).setParameter("owner", caller.userId()).getResultList();
    return found.stream().map(this::view).toList();
  }

  public ProviderView get(String id) {
    return view(ProviderAccess.visible(em, id, callers.current()));
  }

  public ProviderView create(ProviderChanges changes) {
    Caller caller = callers.writer();
    List<FieldError> errors = new ArrayList<>(ProviderRules.check(changes, true));
    checkOwner(caller, changes, errors);
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
    String name = changes.text(ProviderField.NAME);
    requireUniqueName(name, null);
    ProviderType type = ProviderType.parse(changes.text(ProviderField.TYPE)).orElseThrow();
    String id = Slugs.unique(name, this::idTaken);
    Long owner = changes.has(ProviderField.OWNER_ID) ? changes.integer(ProviderField.OWNER_ID) : caller.userId();
    String base = changes.text(ProviderField.BASE_URL) != null ? changes.text(ProviderField.BASE_URL) : type.defaultBaseUrl();
    LlmProvider p = new LlmProvider(id, name, type, base == null ? "" : BaseUrls.normalise(type, base), owner, Instant.now());
    p.addressChosenBy(caller.isAdmin());
    apply(p, changes);
    em.persist(p);
    em.flush();
    audit.record(caller.username(), "llm_provider.create", null,
        AuditLog.details("provider", id, "fields", jsonNames(changes.fields())));
    return view(p);
  }

  public ProviderView update(String id, ProviderChanges changes) {
    Caller caller = callers.writer();
    LlmProvider p = ProviderAccess.visible(em, id, caller);
    List<FieldError> errors = new ArrayList<>(ProviderRules.check(changes, false));
    checkOwner(caller, changes, errors);
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
    if (changes.has(ProviderField.NAME)) {
      requireUniqueName(changes.text(ProviderField.NAME), p.id());
      p.rename(changes.text(ProviderField.NAME));
    }
    ProviderType type = changes.has(ProviderField.TYPE)
        ? ProviderType.parse(changes.text(ProviderField.TYPE)).orElseThrow()
        : p.type();
    if (changes.has(ProviderField.TYPE) || changes.has(ProviderField.BASE_URL)) {
      String base = changes.has(ProviderField.BASE_URL) ? changes.text(ProviderField.BASE_URL) : p.baseUrl();
      if ((base == null || base.isBlank()) && type.defaultBaseUrl() != null) {
        base = type.defaultBaseUrl();
      }
      p.speak(type, base == null ? "" : BaseUrls.normalise(type, base));
      p.addressChosenBy(caller.isAdmin());
    }
    apply(p, changes);
    p.touch(Instant.now());
    audit.record(caller.username(), "llm_provider.update", null,
        AuditLog.details("provider", p.id(), "fields", jsonNames(changes.fields())));
    return view(p);
  }

  /** Refused (409) while a bot uses the provider as its backend or fallback. */
  public void delete(String id) {
    Caller caller = callers.writer();
    LlmProvider p = ProviderAccess.visible(em, id, caller);
    List<String> users = em.createNamedQuery(WhatsAppInstance.USING_PROVIDER, WhatsAppInstance.class)
        .setParameter("backend", p.backend())
        .setParameter("provider", p.id())
        .getResultStream()
        .map(b -> caller.sees(b.ownerId()) ? b.id() : "(a bot of another owner)")
        .toList();
    if (!users.isEmpty()) {
      throw new Conflict("provider '" + p.id() + "' is used by " + users.size() + " bot(s): "
          + String.join(", ", users) + "; point them elsewhere first");
    }
    em.remove(p);
    audit.record(caller.username(), "llm_provider.delete", null, AuditLog.details("provider", p.id(), "name", p.name()));
  }

  /**
   * Sends a one-line prompt through the provider (enabled or not) and reports latency or the error;
   * called even while the provider's circuit is open, and an answer closes it.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public ProviderTest test(String id) {
    Caller caller = callers.writer();
    LlmProvider p = ProviderAccess.visible(em, id, caller);
    Route route;
    try {
      route = Route.to(Chat.target(p, keys));
    } catch (IllegalStateException e) {
      route = Route.broken(p.backend(), "the stored API key does not decrypt with this orchestrator's key");
    }
    Prompt prompt = new Prompt(TEST_SYSTEM, List.of(new ChatMessage(ChatMessage.USER, TEST_QUESTION)), LlmParams.DEFAULTS);
    Attempt a = router.tryOut(route, prompt);
    usage.add(null, List.of(a));
    audit.recordAlone(caller.username(), "llm_provider.test", null,
        AuditLog.details("provider", p.id(), "ok", a.ok(), "error", a.ok() ? null : a.failure().kind().id()));
    if (a.ok()) {
      String reply = a.completion().text();
      return new ProviderTest(true, p.id(), p.backend(), a.model(), a.latencyMs(),
          reply.length() > 200 ? reply.substring(0, 200) + "…" : reply, null, null, null);
    }
    return new ProviderTest(false, p.id(), p.backend(), a.model(), a.latencyMs(), null,
        a.failure().kind().id(), a.failure().httpStatus(), a.failure().getMessage());
  }

  private void apply(LlmProvider p, ProviderChanges c) {
    if (c.has(ProviderField.MODEL)) {
      p.useModel(c.text(ProviderField.MODEL));
    }
    if (c.has(ProviderField.API_KEY)) {
      p.storeKey(keys.seal(p.id(), c.text(ProviderField.API_KEY)));
    }
    if (c.has(ProviderField.ENABLED)) {
      p.enable(c.bool(ProviderField.ENABLED));
    }
    if (c.has(ProviderField.ACCEPTS_IMAGES)) {
      p.acceptImages(c.bool(ProviderField.ACCEPTS_IMAGES));
    }
    if (c.has(ProviderField.OWNER_ID)) {
      p.assignOwner(c.integer(ProviderField.OWNER_ID));
    }
    List<FieldError> whole = new ArrayList<>(ProviderRules.checkWhole(p.type(), p.baseUrl(), p.model()));
    if (whole.isEmpty() && p.publicOnly()) {
      addresses.problem(p.baseUrl()).ifPresent(why -> whole.add(new FieldError("base_url", why)));
    }
    if (!whole.isEmpty()) {
      throw new Invalid(whole);
    }
  }

  private void checkOwner(Caller caller, ProviderChanges changes, List<FieldError> errors) {
    if (!changes.has(ProviderField.OWNER_ID)) {
      return;
    }
    Long owner = changes.integer(ProviderField.OWNER_ID);
    if (!caller.isAdmin()) {
      if (owner == null || owner != caller.userId()) {
        throw new Forbidden("only admins may assign a provider to another owner");
      }
      return;
    }
    if (owner != null && em.find(User.class, owner) == null) {
      errors.add(new FieldError("owner_id", "no user with id " + owner));
    }
  }

  private void requireUniqueName(String name, String exceptId) {
    boolean clash = em.createNamedQuery(LlmProvider.BY_NAME, LlmProvider.class)
        .setParameter("name", name.toLowerCase(Locale.ROOT))
        .getResultStream()
        .anyMatch(other -> !other.id().equals(exceptId));
    if (clash) {
      throw Conflict.onField("name", "a provider named '" + name + "' already exists");
    }
  }

  private boolean idTaken(String id) {
    return em.find(LlmProvider.class, id) != null;
  }

  private static List<String> jsonNames(Set<ProviderField> fields) {
    return fields.stream().map(ProviderField::json).toList();
  }

  ProviderView view(LlmProvider p) {
    String key;
    try {
      key = p.storedKey() == null ? null : keys.open(p.id(), p.storedKey());
    } catch (IllegalStateException e) {
      key = "undecryptable";
    }
    return new ProviderView(p.id(), p.name(), p.type().id(), p.baseUrl(), p.model(), InstanceView.mask(key),
        key != null, p.enabled(), p.acceptsImages(), p.ownerId(), p.backend(), p.created(), p.updated());
  }
}
