package dev.tenantcore.api.crm.segment;

import dev.tenantcore.api.common.UserId;

/** The contact is owned by the staff user {@code ownerId}. */
public record OwnerCondition(UserId ownerId) implements SegmentCondition {}
