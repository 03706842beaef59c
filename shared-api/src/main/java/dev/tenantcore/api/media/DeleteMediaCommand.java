package dev.tenantcore.api.media;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record DeleteMediaCommand(
        @TargetAggregateIdentifier MediaId mediaId,
        @TargetAggregateVersion Long expectedVersion) {}
