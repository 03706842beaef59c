/**
 * Automations: tenants' rules that react to published events ({@link
 * dev.tenantcore.api.automations.PublicEventType}) with a CEL condition and a list of actions, their
 * runs, and dry runs over the tenant's history. Behind the tenant's {@code automations} module.
 */
package dev.tenantcore.command.automations;
