/**
 * Inbound webhooks: {@link dev.tenantcore.infra.webhooks.WebhookInbox} (endpoint ids, verification
 * with the tenant's own secret, exactly-once handling, raw deliveries kept for audit) and {@link
 * dev.tenantcore.infra.webhooks.HmacSha256}, the one signature helper.
 */
package dev.tenantcore.infra.webhooks;
