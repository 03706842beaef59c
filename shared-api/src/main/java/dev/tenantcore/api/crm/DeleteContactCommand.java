package dev.tenantcore.api.crm;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record DeleteContactCommand(
        @TargetAggregateIdentifier ContactId contactId,
        @TargetAggregateVersion Long expectedVersion) {}
