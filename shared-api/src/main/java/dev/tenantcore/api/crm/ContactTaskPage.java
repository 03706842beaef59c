package dev.tenantcore.api.crm;

import java.util.List;

public record ContactTaskPage(List<ContactTaskResponse> items, String nextCursor) {}
