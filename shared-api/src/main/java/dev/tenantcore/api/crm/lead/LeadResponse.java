package dev.tenantcore.api.crm.lead;

import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.ContactId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

public record LeadResponse(
        LeadId id,
        LeadFormId formId,
        String formKey,
        LeadStatus status,
        String name,
        String email,
        String phone,
        String message,
        Map<String, String> fields,
        Map<String, String> answers,
        LeadConsent consent,
        UserId ownerId,
        ContactId contactId,
        String rejectionReason,
        List<LeadNote> notes,
        long version,
        Instant createdAt,
        Instant updatedAt) {}
