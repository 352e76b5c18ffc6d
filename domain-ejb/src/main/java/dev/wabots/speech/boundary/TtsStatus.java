package dev.wabots.speech.boundary;

import java.util.List;

/** What the panel shows about voice replies: each engine's state and the router's limits. */
public record TtsStatus(List<Engine> engines, Tool transcoder, List<String> voices, List<String> presets,
    int maxChars, int bitrateKbps, long maxBytes) {

  /** One engine: usable now, or why not ({@code reason}); {@code detail} says what it runs on. */
  public record Engine(String engine, boolean available, String reason, String detail) {}

  /** ffmpeg: present with libopus, or why not. */
  public record Tool(String tool, boolean available, String reason, String detail) {}
}
