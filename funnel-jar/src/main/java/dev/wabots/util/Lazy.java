package dev.wabots.util;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value made at its first use, once, by whichever thread asks first; a failed making is tried
 * again at the next call. For what a bean holds but may never need or is slow to make (a bot's
 * HTTP client and its selector thread, the sandbox's Cloud API schema): a field initialiser or
 * {@code @PostConstruct} would make it in every bot, and in CDI's client proxy too, which is built
 * with the bean's constructor and never uses its fields.
 */
public final class Lazy<T> implements Supplier<T> {

  private final Supplier<? extends T> maker;
  private volatile T value;

  public Lazy(Supplier<? extends T> maker) {
    this.maker = Objects.requireNonNull(maker, "maker");
  }

  @Override
  public T get() {
    T v = value;
    if (v == null) {
      synchronized (this) {
        v = value;
        if (v == null) {
          v = Objects.requireNonNull(maker.get(), "the maker returned null");
          value = v;
        }
      }
    }
    return v;
  }

  /** Whether the value has been made. */
  public boolean made() {
    return value != null;
  }
}
