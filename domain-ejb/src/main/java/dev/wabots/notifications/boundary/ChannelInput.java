package dev.wabots.notifications.boundary;

import java.util.List;

/**
 * What a person sent to create or change a channel; null means "keep" on a change. Settings of the
 * other types are refused.
 */
public record ChannelInput(
    String type,
    String name,
    Boolean enabled,
    List<String> events,
    String botToken,
    String chatId,
    String host,
    Integer port,
    String security,
    String username,
    String password,
    String from,
    List<String> to,
    String url,
    String secret) {}
