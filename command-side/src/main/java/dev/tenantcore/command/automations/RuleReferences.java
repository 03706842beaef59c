package dev.tenantcore.command.automations;

import java.util.UUID;

/**
 * What a rule's actions name, as the command side knows it in the rule's tenant: checked when the
 * rule is saved, inside the command's transaction, so another tenant's endpoint is as unknown as one
 * that never existed.
 */
interface RuleReferences {

    boolean webhookEndpoint(UUID endpointId);
}
