package dev.tenantcore.api.crm.lead;

import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.ContactId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A lead as staff read it. {@code consentText} and {@code consentGivenAt} are the consent the
 * visitor gave (the text the form showed, and when), both null when the form asked for none.
 */
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
        String consentText,
        Instant consentGivenAt,
        UserId ownerId,
        ContactId contactId,
        String rejectionReason,
        List<LeadNote> notes,
        long version,
        Instant createdAt,
        Instant updatedAt) {}
