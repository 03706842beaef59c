package dev.tenantcore.api.crm;

import java.util.List;

public record CustomFieldList(List<CustomFieldResponse> items) {}
