package dev.wabots.instances.boundary;

/** A bot was deleted (fired in the deleting transaction; observe after success). */
public record InstanceDeleted(String id) {}
