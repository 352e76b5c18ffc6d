package dev.wabots.funnel;

/** The customer segment the quiz assigns. */
public enum Segment {
  /** Installs it themselves: GPU audit and GitHub. */
  DIY,
  /** Wants it installed: value, demo, checkout and payment. */
  BASIC,
  /** A business project: discovery and quote. */
  CUSTOM,
  /** The quiz could not tell; routed like {@link #BASIC}. */
  UNKNOWN
}
