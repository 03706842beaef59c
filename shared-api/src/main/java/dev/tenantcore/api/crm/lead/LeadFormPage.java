package dev.tenantcore.api.crm.lead;

import java.util.List;

public record LeadFormPage(List<LeadFormResponse> items, String nextCursor) {}
