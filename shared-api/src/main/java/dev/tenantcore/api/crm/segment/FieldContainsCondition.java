package dev.tenantcore.api.crm.segment;

/** The text field {@code key} contains {@code text}, in any case. */
public record FieldContainsCondition(String key, String text) implements SegmentCondition {}
