package dev.wabots.speech.control;

/** An OGG/Opus mono voice note and how it was made. */
public record VoiceNote(byte[] audio, long durationMillis, int bitrateKbps, int pieces) {}
