package dev.tenantcore.api.crm.segment;

/**
 * The number or date field {@code key} lies between {@code from} and {@code to}, both inclusive
 * and either one open (null); written as text: 12.5, 2026-12-31.
 */
public record FieldRangeCondition(String key, String from, String to) implements SegmentCondition {}
