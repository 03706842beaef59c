package dev.tenantcore.api.crm.timeline;

import dev.tenantcore.api.crm.ContactId;
import java.util.Set;

/**
 * One page of a contact's timeline, newest first; {@code types} keeps only those kinds (all when
 * empty). Answers null when the tenant has no such contact.
 */
public record FindContactTimelineQuery(ContactId contactId, Set<TimelineEntryType> types, int limit, String cursor) {

    public FindContactTimelineQuery {
        types = types == null ? Set.of() : Set.copyOf(types);
    }
}
