package dev.tenantcore.api.crm.conversation;

import java.time.Instant;

/**
 * Whether the tenant's new conversations are assigned round-robin; {@code updatedAt} is null while
 * nobody ever set it (then it is off).
 */
public record InboxSettingsView(boolean autoAssign, Instant updatedAt) {}
