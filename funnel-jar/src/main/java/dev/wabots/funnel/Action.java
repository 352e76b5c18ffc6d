package dev.wabots.funnel;

/** What a reply id asks the engine to do; {@code arg} is the option key, the route id or the raw id. */
record Action(Kind kind, String arg) {

  /** The handlers of the engine. */
  enum Kind {
    ROUTE,
    START_QUIZ,
    QUIZ_TECH,
    QUIZ_INFRA,
    GPU,
    GPU_OTHER,
    CONTACT,
    BASIC_PAY,
    CUSTOM_START,
    CUSTOM_RESTART,
    VOLUME,
    INTEGRATION,
    INTEGRATION_NONE,
    INTEGRATION_MORE,
    INTEGRATION_DONE,
    TIMELINE,
    BUDGET,
    FAQ_MENU,
    FAQ_SECTION,
    FAQ_ANSWER,
    TZ,
    TZ_START,
    TZ_ANSWER,
    NAV_WELCOME,
    NAV_MENU,
    UNKNOWN
  }

  private static final java.util.Set<Kind> DISCOVERY_ANSWERS =
      java.util.EnumSet.of(
          Kind.VOLUME, Kind.INTEGRATION, Kind.INTEGRATION_NONE, Kind.INTEGRATION_MORE,
          Kind.INTEGRATION_DONE, Kind.TIMELINE, Kind.BUDGET, Kind.TZ_ANSWER);

  /**
   * An answer to discovery steps 2–5 or to a requirements question (subject to the stale-tap
   * policy, so it does not drop a pending free-text question by itself).
   */
  boolean discoveryAnswer() {
    return DISCOVERY_ANSWERS.contains(kind);
  }

  boolean handled() {
    return kind != Kind.UNKNOWN;
  }
}
