package dev.tenantcore.api.apikeys;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record RevokeApiKeyCommand(
        @TargetAggregateIdentifier ApiKeyId apiKeyId,
        @TargetAggregateVersion Long expectedVersion) {}
