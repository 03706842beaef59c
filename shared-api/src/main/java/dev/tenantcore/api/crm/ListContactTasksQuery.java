package dev.tenantcore.api.crm;

/** A contact's tasks, oldest first; {@code status} {@code open}, {@code done} or null for both. */
public record ListContactTasksQuery(ContactId contactId, String status, int limit, String cursor) {}
