package dev.tenantcore.api.apikeys;

public record FindApiKeyQuery(ApiKeyId apiKeyId) {}
