package dev.tenantcore.api.crm.segment;

import java.time.Instant;

/**
 * The contact's last activity (the later of its own last change and its last order) is at or after
 * {@code after} and before {@code before}; either bound may be open (null).
 */
public record LastActivityCondition(Instant after, Instant before) implements SegmentCondition {}
