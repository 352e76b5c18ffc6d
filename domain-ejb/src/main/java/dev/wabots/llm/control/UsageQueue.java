package dev.wabots.llm.control;

import dev.wabots.llm.entity.LlmCall;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The LLM usage rows not written yet: a chat answer only queues its rows (no EJB call, no
 * transaction, no task scheduled per call — each was measurable on a busy fleet); {@code LlmUsage}
 * writes what is queued a few times a second, one JDBC batch each.
 */
@ApplicationScoped
public class UsageQueue {

  private final ConcurrentLinkedQueue<LlmCall> pending = new ConcurrentLinkedQueue<>();
  /** Held while a batch is taken and stored, so a reader that drains first never misses one in flight. */
  private final ReentrantLock draining = new ReentrantLock();

  /** Queues one row per attempt; {@code instanceId} is null for a provider test. */
  public void add(String instanceId, List<Attempt> attempts) {
    Instant now = Instant.now();
    for (Attempt a : attempts) {
      pending.add(a.ok()
          ? LlmCall.answered(now, instanceId, a.backend(), a.model(), a.completion().promptTokens(),
              a.completion().completionTokens(), a.latencyMs())
          : LlmCall.failed(now, instanceId, a.backend(), a.model(), a.failure().kind().id(),
              a.failure().httpStatus(), a.latencyMs()));
    }
  }

  /**
   * Hands everything queued to {@code store} as one batch (none when nothing is queued) and
   * returns its size. What {@code store} throws is passed on; the batch is then not queued again.
   */
  public int drain(Consumer<List<LlmCall>> store) {
    draining.lock();
    try {
      List<LlmCall> batch = new ArrayList<>();
      for (LlmCall c = pending.poll(); c != null; c = pending.poll()) {
        batch.add(c);
      }
      if (!batch.isEmpty()) {
        store.accept(batch);
      }
      return batch.size();
    } finally {
      draining.unlock();
    }
  }

  /** How many rows wait. */
  public int size() {
    return pending.size();
  }
}
