/**
 * Outbound webhooks: the tenant's endpoints ({@link WebhookEndpoint}, event-sourced), the fan-out
 * that turns each published event into one delivery per matching endpoint ({@link WebhookFanOut}),
 * the durable sender that signs and posts them after the Standard Webhooks specification with
 * retries for days ({@link WebhookDeliveryRunner}), and the owner's routes over all of it
 * ({@link WebhookEndpointController}).
 */
package dev.tenantcore.command.automations.webhooks;
