package dev.wabots.instances.entity;

import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the writes of bots ({@link WhatsAppInstance}) in this process, so that what is kept from
 * a bot's row between requests (the chat path's settings) is read again after any change: every
 * insert, update and removal through JPA moves the generation on.
 */
public class InstanceWrites {

  private static final AtomicLong GENERATION = new AtomicLong();

  /** Changes whenever a bot's row was written; compare, never interpret. */
  public static long generation() {
    return GENERATION.get();
  }

  @PostPersist
  @PostUpdate
  @PostRemove
  void written(WhatsAppInstance instance) {
    GENERATION.incrementAndGet();
  }
}
