package dev.wabots.audit.boundary;

import dev.wabots.audit.entity.AuditEntry;
import dev.wabots.security.Callers;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * The audit trail. Entries are written in the caller's transaction, so a change and its record
 * commit or roll back together. Details name fields, never their values.
 */
@Stateless
public class AuditLog {

  public static final int MAX_LIMIT = 1000;

  @PersistenceContext EntityManager em;

  @Inject Callers callers;

  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void record(String actor, String action, String instanceId, String details) {
    em.persist(new AuditEntry(Instant.now(), actor, action, instanceId, details));
  }

  /** Records outside any caller transaction (e.g. a refused login, which rolls nothing back). */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void recordAlone(String actor, String action, String instanceId, String details) {
    record(actor, action, instanceId, details);
  }

  /**
   * Details as compact JSON from name/value pairs ({@code "user", "ann", "fields", List.of(...)}).
   * Values are strings, numbers, booleans or lists of strings.
   */
  public static String details(Object... pairs) {
    var json = jakarta.json.Json.createObjectBuilder();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      String key = String.valueOf(pairs[i]);
      Object value = pairs[i + 1];
      if (value == null) {
        json.addNull(key);
      } else if (value instanceof Boolean b) {
        json.add(key, b);
      } else if (value instanceof Number n) {
        json.add(key, n.longValue());
      } else if (value instanceof java.util.Collection<?> c) {
        var array = jakarta.json.Json.createArrayBuilder();
        c.forEach(v -> array.add(String.valueOf(v)));
        json.add(key, array);
      } else {
        json.add(key, String.valueOf(value));
      }
    }
    return json.build().toString();
  }

  /** The newest entries first; admins only. */
  public List<Entry> newest(int limit) {
    callers.admin();
    int n = Math.max(1, Math.min(limit, MAX_LIMIT));
    return em.createNamedQuery(AuditEntry.NEWEST, AuditEntry.class).setMaxResults(n).getResultList()
        .stream()
        .map(a -> new Entry(a.id(), a.at(), a.actor(), a.action(), a.instanceId(), a.details()))
        .toList();
  }

  /** A read-only view of one entry. */
  public record Entry(
      long id, Instant at, String actor, String action, String instanceId, String details) {}
}
