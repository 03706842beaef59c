package dev.tenantcore.api.crm.segment;

public record ListSegmentsQuery(int limit, String cursor) {}
