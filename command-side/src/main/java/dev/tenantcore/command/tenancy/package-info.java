/**
 * Tenants: registered, renamed, suspended and closed by the platform; their domains (added,
 * verified over HTTP, made primary, switched on and off), modules and settings. Owners administer
 * their own tenant's domains and settings; the platform administers every tenant.
 */
package dev.tenantcore.command.tenancy;
