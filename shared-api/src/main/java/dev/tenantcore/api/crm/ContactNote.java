package dev.tenantcore.api.crm;

import dev.tenantcore.api.common.UserId;
import java.time.Instant;
import java.util.UUID;

public record ContactNote(UUID id, String text, UserId authorId, Instant at) {}
