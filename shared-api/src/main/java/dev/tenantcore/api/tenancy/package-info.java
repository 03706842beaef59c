/**
 * Tenants: registration, domains and their verification, modules, settings, suspension and
 * closing. Platform-level messages.
 */
package dev.tenantcore.api.tenancy;
