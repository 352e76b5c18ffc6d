package dev.wabots.contract;

/** One message of a conversation with the model: {@code role} is {@code user} or {@code assistant}. */
public record ChatTurn(String role, String content) {}
