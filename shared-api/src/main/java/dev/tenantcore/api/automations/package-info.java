/**
 * What the platform publishes about a tenant's changes to the tenant's own consumers: automation
 * rules, outbound webhooks and live event streams. The catalogue ({@link PublicEventType}) is the
 * contract: a domain event is published under a stable dotted name and an envelope version, and an
 * event not in the catalogue is never published.
 */
package dev.tenantcore.api.automations;
