package dev.wabots.funnel;

/**
 * One step of the {@link FunnelReport}.
 *
 * @param key the step, e.g. {@code quiz_completed} or {@code segment_custom}
 * @param previous the step this one converts from, or null for the first
 * @param users distinct users who reached the step in the period
 * @param percentOfPrevious users as a percentage of {@code previous}'s users (one decimal), or
 *     null when there is no previous step or it has no users
 * @param percentOfFirst users as a percentage of the first step's users, or null when it has none
 */
public record ReportStep(
    String key, String previous, long users, Double percentOfPrevious, Double percentOfFirst) {}
