package dev.wabots.funnel;

import dev.wabots.whatsapp.PhoneNumber;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the funnel keeps users, discovery answers and events. Implementations are thread-safe;
 * {@link #apply} runs one user's step as one transaction, and steps that write are applied one
 * at a time.
 */
public interface FunnelStore extends AutoCloseable {

  /** The user's state, if the user was seen before. */
  Optional<UserState> find(PhoneNumber phone);

  /**
   * Loads the user's state, runs {@code step} on it and persists the outcome — the new state
   * (users row and discovery) and the events, stamped with the state's {@code lastActivity} — in
   * one transaction. If {@code step} throws, nothing is written.
   *
   * @param step gets the current state (empty for a new user) and returns the outcome
   * @return the outcome {@code step} returned
   * @throws FunnelStoreException if the store fails; nothing is written then
   */
  default Outcome apply(PhoneNumber phone, Function<Optional<UserState>, Outcome> step) {
    return apply(phone, step, (connection, outcome) -> {});
  }

  /**
   * Like {@link #apply(PhoneNumber, Function)}, and runs {@code alsoWrite} in the same transaction
   * after the step's writes: the caller's own bookkeeping (e.g. the replies it plans to send)
   * commits or rolls back together with the funnel step.
   *
   * @param alsoWrite gets the transaction's connection ({@code null} for stores without one) and
   *     the outcome; if it throws, nothing is written
   */
  Outcome apply(PhoneNumber phone, Function<Optional<UserState>, Outcome> step, InTransaction alsoWrite);

  /** Work that joins a funnel step's transaction. */
  @FunctionalInterface
  interface InTransaction {
    void run(java.sql.Connection connection, Outcome outcome) throws java.sql.SQLException;
  }

  /** Users and conversion per step for the {@code days} days before {@code now}. */
  FunnelReport report(int days, Instant now);

  /** Releases connections; the store is unusable afterwards. */
  @Override
  void close();
}
