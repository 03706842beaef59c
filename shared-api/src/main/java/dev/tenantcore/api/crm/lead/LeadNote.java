package dev.tenantcore.api.crm.lead;

import dev.tenantcore.api.common.UserId;
import java.time.Instant;

public record LeadNote(String text, UserId authorId, Instant at) {}
