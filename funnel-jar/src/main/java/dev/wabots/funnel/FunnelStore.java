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
   * one transaction. A store over a shared database joins the write transaction the caller has open
   * on its thread (see {@link dev.wabots.funnel.store.Transactions}), so the caller's own writes
   * commit or roll back with the step. If {@code step} throws, nothing is written.
   *
   * @param step gets the current state (empty for a new user) and returns the outcome
   * @return the outcome {@code step} returned
   * @throws FunnelStoreException if the store fails; nothing is written then
   */
  Outcome apply(PhoneNumber phone, Function<Optional<UserState>, Outcome> step);

  /** Forgets everything stored about {@code phone} (the customer asked to be erased). */
  void forget(PhoneNumber phone);

  /** Users and conversion per step for the {@code days} days before {@code now}. */
  FunnelReport report(int days, Instant now);

  /** Releases connections; the store is unusable afterwards. */
  @Override
  void close();
}
