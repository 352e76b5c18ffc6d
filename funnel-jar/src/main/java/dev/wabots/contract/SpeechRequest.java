package dev.wabots.contract;

/**
 * {@code POST /internal/speech}: a voice note (OGG/Opus) for {@code text}; null engine, voice or
 * preset mean the bot's settings.
 */
public record SpeechRequest(String text, String engine, String voice, String preset) {}
