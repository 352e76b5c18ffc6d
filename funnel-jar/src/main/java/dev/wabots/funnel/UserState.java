package dev.wabots.funnel;

import dev.wabots.whatsapp.PhoneNumber;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the funnel remembers about one user ({@code users} plus {@code custom_discovery}).
 * Immutable: the engine returns a new state.
 *
 * @param phone the user's number, the key
 * @param profileName the last WhatsApp profile name seen
 * @param segment the segment from the quiz
 * @param subSegment the sub-segment from the quiz, e.g. {@code basic_hot}
 * @param quizTech the answer to quiz question 1 ({@code diy}, {@code ready}, {@code business})
 * @param quizInfra the answer to quiz question 2 ({@code gpu}, {@code cpu}, …)
 * @param funnelState the multi-step position, if any
 * @param funnelCompleted whether the user reached a goal (payment link or quote)
 * @param createdAt first contact
 * @param lastActivity last inbound event
 * @param discovery the custom discovery, if started
 * @param requirements the requirements questionnaire, if started
 */
public record UserState(
    PhoneNumber phone,
    Optional<String> profileName,
    Optional<Segment> segment,
    Optional<String> subSegment,
    Optional<String> quizTech,
    Optional<String> quizInfra,
    Optional<FunnelState> funnelState,
    boolean funnelCompleted,
    Instant createdAt,
    Instant lastActivity,
    Optional<Discovery> discovery,
    Optional<Requirements> requirements) {

  /** Rejects missing parts. */
  public UserState {
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(profileName, "profileName");
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(subSegment, "subSegment");
    Objects.requireNonNull(quizTech, "quizTech");
    Objects.requireNonNull(quizInfra, "quizInfra");
    Objects.requireNonNull(funnelState, "funnelState");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastActivity, "lastActivity");
    Objects.requireNonNull(discovery, "discovery");
    Objects.requireNonNull(requirements, "requirements");
  }

  /** A state without a requirements questionnaire (the shape stores knew before it existed). */
  public UserState(
      PhoneNumber phone,
      Optional<String> profileName,
      Optional<Segment> segment,
      Optional<String> subSegment,
      Optional<String> quizTech,
      Optional<String> quizInfra,
      Optional<FunnelState> funnelState,
      boolean funnelCompleted,
      Instant createdAt,
      Instant lastActivity,
      Optional<Discovery> discovery) {
    this(phone, profileName, segment, subSegment, quizTech, quizInfra, funnelState, funnelCompleted, createdAt,
        lastActivity, discovery, Optional.empty());
  }

  /** A user seen for the first time at {@code now}. */
  public static UserState newUser(PhoneNumber phone, Instant now) {
    return new UserState(
        phone, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), false, now, now, Optional.empty(), Optional.empty());
  }

  /** This state with a new profile name (ignored when blank). */
  public UserState withProfileName(String name) {
    if (name == null || name.isBlank()) {
      return this;
    }
    return new UserState(phone, Optional.of(name.strip()), segment, subSegment, quizTech, quizInfra,
        funnelState, funnelCompleted, createdAt, lastActivity, discovery, requirements);
  }

  /** This state with the last activity moved to {@code now}. */
  public UserState touchedAt(Instant now) {
    return new UserState(phone, profileName, segment, subSegment, quizTech, quizInfra, funnelState,
        funnelCompleted, createdAt, now, discovery, requirements);
  }

  UserState withQuiz(Optional<String> tech, Optional<String> infra) {
    return new UserState(phone, profileName, segment, subSegment, tech, infra, funnelState,
        funnelCompleted, createdAt, lastActivity, discovery, requirements);
  }

  UserState withSegment(Segment value, String sub) {
    return new UserState(phone, profileName, Optional.of(value), Optional.of(sub), quizTech, quizInfra,
        funnelState, funnelCompleted, createdAt, lastActivity, discovery, requirements);
  }

  UserState withFunnelState(Optional<FunnelState> value) {
    return new UserState(phone, profileName, segment, subSegment, quizTech, quizInfra, value,
        funnelCompleted, createdAt, lastActivity, discovery, requirements);
  }

  UserState completed() {
    return new UserState(phone, profileName, segment, subSegment, quizTech, quizInfra, funnelState,
        true, createdAt, lastActivity, discovery, requirements);
  }

  UserState withDiscovery(Optional<Discovery> value) {
    return new UserState(phone, profileName, segment, subSegment, quizTech, quizInfra, funnelState,
        funnelCompleted, createdAt, lastActivity, value, requirements);
  }

  UserState withRequirements(Optional<Requirements> value) {
    return new UserState(phone, profileName, segment, subSegment, quizTech, quizInfra, funnelState,
        funnelCompleted, createdAt, lastActivity, discovery, value);
  }
}
