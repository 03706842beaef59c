package dev.tenantcore.api.crm.lead;

import java.util.List;

public record LeadPage(List<LeadResponse> items, String nextCursor) {}
