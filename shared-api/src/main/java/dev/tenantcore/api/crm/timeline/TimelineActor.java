package dev.tenantcore.api.crm.timeline;

import java.util.UUID;

/**
 * Who caused an entry: a {@code user} of the tenant (with their name and role as they are now, null
 * when the account is gone), a {@code visitor} of a public form, or the {@code system} (a policy, a
 * saga, a provider's webhook).
 */
public record TimelineActor(String kind, UUID userId, String name, String role) {

    public static final String USER = "user";
    public static final String VISITOR = "visitor";
    public static final String SYSTEM = "system";
}
