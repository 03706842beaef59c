package dev.tenantcore.api.crm;

import java.time.Instant;
import java.util.List;

public record CustomFieldResponse(
        CustomFieldId id,
        String key,
        String label,
        CustomFieldType type,
        List<String> options,
        boolean required,
        boolean unique,
        long version,
        Instant createdAt,
        Instant updatedAt) {}
