package dev.tenantcore.api.crm;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sets the lifecycle stages a tenant's contacts move through, in order. The stages are one
 * aggregate per tenant ({@link LifecycleStagesId#of}). Contacts keep a stage that was removed
 * until they are next given one.
 */
public record SetLifecycleStagesCommand(
        @TargetAggregateIdentifier LifecycleStagesId stagesId, List<String> stages) {}
