package dev.tenantcore.api.crm.lead;

import dev.tenantcore.api.common.UserId;
import java.time.Instant;

/** One page of leads, newest first; each filter applies when given. {@code createdBefore} is exclusive. */
public record ListLeadsQuery(
        LeadStatus status,
        UserId ownerId,
        LeadFormId formId,
        Instant createdFrom,
        Instant createdBefore,
        int limit,
        String cursor) {}
