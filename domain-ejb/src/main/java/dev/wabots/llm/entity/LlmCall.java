package dev.wabots.llm.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One upstream model call (one attempt of a chain): who asked, which backend answered or failed
 * and how, the tokens the service reported, and how long it took. Never holds message text.
 */
@Entity
@Table(name = "llm_usage")
@NamedQuery(
    name = LlmCall.SINCE,
    query = "SELECT c FROM LlmCall c WHERE c.at >= :since ORDER BY c.instanceId, c.backend")
@NamedQuery(
    name = LlmCall.SINCE_FOR_INSTANCE,
    query = "SELECT c FROM LlmCall c WHERE c.at >= :since AND c.instanceId = :instance ORDER BY c.backend")
@NamedQuery(name = LlmCall.DELETE_BEFORE, query = "DELETE FROM LlmCall c WHERE c.at < :before")
public class LlmCall {

  public static final String SINCE = "LlmCall.since";
  public static final String SINCE_FOR_INSTANCE = "LlmCall.sinceForInstance";
  public static final String DELETE_BEFORE = "LlmCall.deleteBefore";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false)
  private Instant at;

  @Column(name = "instance_id")
  private String instanceId;

  @Column(nullable = false)
  private String backend;

  private String model;

  @Column(nullable = false)
  private boolean ok;

  private String error;

  @Column(name = "http_status")
  private Integer httpStatus;

  @Column(name = "prompt_tokens")
  private Integer promptTokens;

  @Column(name = "completion_tokens")
  private Integer completionTokens;

  @Column(name = "latency_ms", nullable = false)
  private long latencyMs;

  protected LlmCall() {}

  private LlmCall(Instant at, String instanceId, String backend, String model, boolean ok, String error,
      Integer httpStatus, Integer promptTokens, Integer completionTokens, long latencyMs) {
    this.at = at;
    this.instanceId = instanceId;
    this.backend = backend;
    this.model = model;
    this.ok = ok;
    this.error = error;
    this.httpStatus = httpStatus;
    this.promptTokens = promptTokens;
    this.completionTokens = completionTokens;
    this.latencyMs = latencyMs;
  }

  /** A call that got an answer. {@code instanceId} is null for an admin's provider test. */
  public static LlmCall answered(Instant at, String instanceId, String backend, String model,
      Integer promptTokens, Integer completionTokens, long latencyMs) {
    return new LlmCall(at, instanceId, backend, model, true, null, 200, promptTokens, completionTokens, latencyMs);
  }

  /** A call that failed, with the failure's class ({@code auth}, {@code timeout}, …). */
  public static LlmCall failed(Instant at, String instanceId, String backend, String model, String error,
      Integer httpStatus, long latencyMs) {
    return new LlmCall(at, instanceId, backend, model, false, error, httpStatus, null, null, latencyMs);
  }

  public Instant at() {
    return at;
  }

  public String instanceId() {
    return instanceId;
  }

  public String backend() {
    return backend;
  }

  public String model() {
    return model;
  }

  public boolean ok() {
    return ok;
  }

  public String error() {
    return error;
  }

  public Integer httpStatus() {
    return httpStatus;
  }

  public Integer promptTokens() {
    return promptTokens;
  }

  public Integer completionTokens() {
    return completionTokens;
  }

  public long latencyMs() {
    return latencyMs;
  }
}
