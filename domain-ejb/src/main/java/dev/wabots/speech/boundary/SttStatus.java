package dev.wabots.speech.boundary;

import java.util.List;

/** What the panel shows about speech to text: each engine's state, ffmpeg's, and the limits. */
public record SttStatus(List<TtsStatus.Engine> engines, TtsStatus.Tool audioTool, long maxBytes) {}
