package dev.tenantcore.api.identity;

import dev.tenantcore.api.common.UserId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record UserSuspendedEvent(UserId userId, String reason) {}
