package dev.tenantcore.api.crm.segment;

import java.util.List;

/** The contact's lifecycle stage is one of {@code stages}. */
public record StageCondition(List<String> stages) implements SegmentCondition {}
