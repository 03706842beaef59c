package dev.tenantcore.api.crm.segment;

/** The contact has placed an order that was not cancelled or left to expire ({@code ordered}), or has not. */
public record HasOrderedCondition(boolean ordered) implements SegmentCondition {}
