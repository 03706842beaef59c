package dev.tenantcore.api.crm.segment;

import java.time.Instant;

/** The contact was created at or after {@code from} and before {@code to}; either bound may be open. */
public record CreatedCondition(Instant from, Instant to) implements SegmentCondition {}
