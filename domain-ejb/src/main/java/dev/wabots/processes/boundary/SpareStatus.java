package dev.wabots.processes.boundary;

import java.time.Instant;

/**
 * The pre-started spare bot process: {@code enabled} (wabots.bot.spares), {@code state}
 * ({@code none | booting | ready}), and while there is one its pid, port, spawn time and whether
 * it records the class-data archive ({@code trains}: until the first bot handed to it is ready).
 */
public record SpareStatus(boolean enabled, String state, Long pid, Integer port, Instant since, boolean trains) {}
