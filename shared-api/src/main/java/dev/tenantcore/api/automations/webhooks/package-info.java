/**
 * Outbound webhooks: a tenant's endpoints that receive its published events ({@link
 * dev.tenantcore.api.automations.PublicEvent}) signed after the Standard Webhooks specification. An
 * endpoint's configuration is event-sourced; its signing secrets never reach a message.
 */
package dev.tenantcore.api.automations.webhooks;
