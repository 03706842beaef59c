package dev.tenantcore.api.crm;

import java.util.List;

public record LifecycleStagesResponse(List<String> stages, long version) {}
