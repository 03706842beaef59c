/** Tenants, their domains and modules, administered by the platform. */
package dev.tenantcore.command.tenancy;
