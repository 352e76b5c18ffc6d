package dev.wabots.funnel.store;

/**
 * The transaction seam of a database file with one owner. Work runs in a transaction bound to the
 * calling thread: a {@link #write} inside another {@code write} on the same thread joins it (one
 * commit for both), so a caller can make the funnel's step and its own bookkeeping one atomic
 * change without either side seeing the other's connection.
 */
public interface Transactions {

  /**
   * Runs {@code work} in a write transaction and commits it; joins the write transaction already
   * open on this thread. If {@code work} throws, the whole transaction (joined work included) is
   * rolled back and the exception propagates. An implementation may run the work of several threads
   * in one transaction (group commit), each in a savepoint of its own: then a work that throws is
   * rolled back alone, and its after-commit actions still run on its caller's thread.
   *
   * @throws StoreException if the database fails or the write turn does not come in time
   * @throws IllegalStateException inside a {@link #read} on the same thread
   */
  <T> T write(Work<T> work);

  /**
   * {@link #write} for work that must not queue behind routine writes — the intake of webhooks,
   * whose answer someone is waiting for: it is taken before every routine write waiting for the
   * write turn.
   */
  default <T> T writeFirst(Work<T> work) {
    return write(work);
  }

  /** {@link #writeFirst} for work without a result. */
  default void writingFirst(VoidWork work) {
    writeFirst(session -> {
      work.run(session);
      return null;
    });
  }

  /** Runs {@code work} without starting a write; joins any transaction open on this thread. */
  <T> T read(Work<T> work);

  /** {@link #write} for work without a result. */
  default void writing(VoidWork work) {
    write(session -> {
      work.run(session);
      return null;
    });
  }

  /** Whether this thread is inside a {@link #write}. */
  boolean writing();

  /**
   * Runs {@code action} once the write transaction open on this thread has committed (not at all
   * if it rolls back); outside a write transaction, at once. For signals that must not run ahead of
   * the data they announce.
   */
  void afterCommit(Runnable action);

  /** Work in a transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Session session);
  }

  /** Work in a transaction, without a result. */
  @FunctionalInterface
  interface VoidWork {
    void run(Session session);
  }
}
