package dev.tenantcore.api.identity;

import dev.tenantcore.api.common.UserId;

public record FindUserQuery(UserId userId) {}
