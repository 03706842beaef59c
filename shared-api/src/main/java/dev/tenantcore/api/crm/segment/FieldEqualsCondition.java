package dev.tenantcore.api.crm.segment;

/**
 * The custom field {@code key} has {@code value}, written as text whatever the field's type (150,
 * 2026-12-31, true, an option); for a multi-select field, its choices include {@code value}.
 */
public record FieldEqualsCondition(String key, String value) implements SegmentCondition {}
