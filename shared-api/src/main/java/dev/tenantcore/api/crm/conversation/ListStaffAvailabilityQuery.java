package dev.tenantcore.api.crm.conversation;

/** Every staff member of the current tenant who said whether they take new conversations. */
public record ListStaffAvailabilityQuery() {}
