package dev.wabots.bot.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** What the webhook saw since the process started, for the bot's status. */
@ApplicationScoped
public class WebhookStats {

  // Touched only through methods: a CDI client proxy forwards method calls, not field access.
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong messages = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong statuses = new AtomicLong();
  private final AtomicLong badSignatures = new AtomicLong();
  private final AtomicLong badRequests = new AtomicLong();
  private volatile Instant lastVerification;
  private volatile Instant lastSignedWebhook;

  void verified() {
    lastVerification = Instant.now();
  }

  void signed() {
    lastSignedWebhook = Instant.now();
  }

  void refusedSignature() {
    badSignatures.incrementAndGet();
  }

  void badRequest() {
    badRequests.incrementAndGet();
  }

  void took(int newMessages, int duplicateMessages, int newStatuses) {
    accepted.incrementAndGet();
    messages.addAndGet(newMessages);
    duplicates.addAndGet(duplicateMessages);
    statuses.addAndGet(newStatuses);
  }

  public long accepted() {
    return accepted.get();
  }

  public long messages() {
    return messages.get();
  }

  public long duplicates() {
    return duplicates.get();
  }

  public long statuses() {
    return statuses.get();
  }

  public long badSignatures() {
    return badSignatures.get();
  }

  public long badRequests() {
    return badRequests.get();
  }

  public Instant lastVerification() {
    return lastVerification;
  }

  public Instant lastSignedWebhook() {
    return lastSignedWebhook;
  }
}
