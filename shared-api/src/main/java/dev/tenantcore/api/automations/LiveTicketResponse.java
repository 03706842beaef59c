package dev.tenantcore.api.automations;

import java.time.Instant;

/**
 * A single-use ticket that opens one live event socket ({@code GET /api/v1/live?ticket=…}) on the
 * tenant's domains until {@code expiresAt}, for a browser that cannot send its access token with the
 * WebSocket upgrade.
 */
public record LiveTicketResponse(String ticket, Instant expiresAt) {}
