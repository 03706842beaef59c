package dev.tenantcore.api.crm.segment;

/**
 * What the contact's paid orders in {@code currency} add up to (refunds deducted), in minor units,
 * is at least {@code atLeastMinor} and at most {@code atMostMinor}; either bound may be open.
 */
public record TotalSpentCondition(String currency, Long atLeastMinor, Long atMostMinor) implements SegmentCondition {}
