/** Tenants: registration, domains, modules and suspension. Platform-level messages. */
package dev.tenantcore.api.tenancy;
