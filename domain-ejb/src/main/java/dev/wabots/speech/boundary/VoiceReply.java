package dev.wabots.speech.boundary;

/** A voice note for a bot: OGG/Opus mono bytes and how they were made (sent as response headers). */
public record VoiceReply(byte[] audio, String engine, String voice, String preset, long durationMillis,
    int bitrateKbps) {}
