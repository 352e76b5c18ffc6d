package dev.wabots.conversations.boundary;

import java.time.Instant;

/** A customer newly needs a person (fired in the storing transaction: observe after success). */
public record NeedsPerson(String bot, String phone, String name, String reason, String lastText, Instant at) {}
