package dev.tenantcore.api.crm;

import dev.tenantcore.api.common.TenantId;
import java.util.List;
import org.axonframework.serialization.Revision;

@Revision("1")
public record CustomFieldDefinedEvent(
        CustomFieldId customFieldId,
        TenantId tenantId,
        String key,
        String label,
        CustomFieldType type,
        List<String> options,
        boolean required,
        boolean unique) {}
