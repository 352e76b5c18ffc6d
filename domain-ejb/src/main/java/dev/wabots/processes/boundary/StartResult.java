package dev.wabots.processes.boundary;

/** The answer to a start: {@code started} or {@code already_running}, with the pid. */
public record StartResult(String status, long pid) {}
