package dev.tenantcore.api.crm.conversation;

/** The current tenant's inbox settings ({@link InboxSettingsView}), as the read side has them. */
public record FindInboxSettingsQuery() {}
