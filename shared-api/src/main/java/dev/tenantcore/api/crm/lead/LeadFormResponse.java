package dev.tenantcore.api.crm.lead;

import java.time.Instant;
import java.util.List;

public record LeadFormResponse(
        LeadFormId id,
        String formKey,
        String name,
        List<LeadFormField> fields,
        List<LeadFormField> questions,
        String consentText,
        long version,
        Instant createdAt,
        Instant updatedAt) {}
