package dev.wabots.llm.boundary;

import java.time.Instant;

/**
 * A stored provider as people see it: the API key only as a mask ({@code ••••abcd}) plus whether
 * one is set. {@code backend} is the {@code llm_backend} value that routes a bot to it.
 */
public record ProviderView(String id, String name, String type, String baseUrl, String model, String apiKey,
    boolean apiKeySet, boolean enabled, boolean acceptsImages, Long ownerId, String backend, Instant created, Instant updated) {}
