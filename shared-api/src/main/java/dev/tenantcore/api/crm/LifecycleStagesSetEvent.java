package dev.tenantcore.api.crm;

import dev.tenantcore.api.common.TenantId;
import java.util.List;
import org.axonframework.serialization.Revision;

@Revision("1")
public record LifecycleStagesSetEvent(LifecycleStagesId stagesId, TenantId tenantId, List<String> stages) {}
