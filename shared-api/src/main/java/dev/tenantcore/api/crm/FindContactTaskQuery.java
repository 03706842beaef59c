package dev.tenantcore.api.crm;

import java.util.UUID;

public record FindContactTaskQuery(ContactId contactId, UUID taskId) {}
