package dev.tenantcore.query.rebuild;

import java.util.UUID;

/** The tenant whose rows to rebuild; without one, the projection is rebuilt for every tenant. */
public record ProjectionRebuildRequest(UUID tenantId) {}
