package dev.tenantcore.api.catalog;

public record CategoryTreeQuery() {}
