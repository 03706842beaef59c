package dev.tenantcore.api.apikeys;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ApiKeyRevokedEvent(ApiKeyId apiKeyId) {}
