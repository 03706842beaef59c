package dev.tenantcore.api.crm.conversation;

/**
 * {@code count} durations and their 50th and 90th percentiles in milliseconds (nearest rank: the
 * smallest duration that at least that share of them does not exceed); null without durations.
 */
public record DurationPercentiles(int count, Long p50Millis, Long p90Millis) {}
