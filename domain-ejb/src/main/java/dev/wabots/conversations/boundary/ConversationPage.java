package dev.wabots.conversations.boundary;

import java.util.List;

/** A page of conversations and how many match in all. */
public record ConversationPage(List<ConversationView> items, long total) {}
