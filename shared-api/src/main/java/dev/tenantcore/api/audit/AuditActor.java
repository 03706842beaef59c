package dev.tenantcore.api.audit;

import java.util.UUID;

/**
 * Who caused an event: a {@code user} of the tenant (with their display name as it is now, null
 * when unknown), an {@code api_key} (its id), the {@code platform} (an administrator acting on the
 * tenant), or the {@code system} (a saga, a deadline, a provider's webhook, scheduled work).
 */
public record AuditActor(String kind, UUID id, String name) {

    public static final String USER = "user";
    public static final String API_KEY = "api_key";
    public static final String PLATFORM = "platform";
    public static final String SYSTEM = "system";
}
