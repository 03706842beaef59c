package dev.tenantcore.api.crm;

import java.util.List;

public record ContactPage(List<ContactResponse> items, String nextCursor) {}
