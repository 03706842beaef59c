package dev.tenantcore.api.crm;

import dev.tenantcore.api.common.UserId;
import java.time.Instant;

/**
 * One page of a tenant's contacts. Every filter is optional: {@code text} matches name, e-mail,
 * phone and company; {@code customFieldKey} with {@code customFieldValue} matches contacts whose
 * field has that value (or, for multi-select, includes it); {@code status} defaults to active.
 * {@code sort} orders the pages (creation when null), {@code descending} from the largest value.
 */
public record ListContactsQuery(
        String text,
        String stage,
        UserId ownerId,
        String tag,
        String customFieldKey,
        String customFieldValue,
        String status,
        Instant createdFrom,
        Instant createdTo,
        Instant updatedFrom,
        Instant updatedTo,
        ContactSort sort,
        boolean descending,
        int limit,
        String cursor) {}
