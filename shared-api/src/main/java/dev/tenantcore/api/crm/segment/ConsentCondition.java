package dev.tenantcore.api.crm.segment;

import dev.tenantcore.api.crm.ConsentPurpose;

/** The contact has given consent for {@code purpose} (and not withdrawn it). */
public record ConsentCondition(ConsentPurpose purpose) implements SegmentCondition {}
