package dev.tenantcore.api.crm.conversation;

import dev.tenantcore.api.common.UserId;
import java.time.Instant;

/** Whether one staff member takes new conversations from the round-robin, as they last said. */
public record StaffAvailabilityResponse(UserId userId, boolean available, Instant updatedAt) {}
