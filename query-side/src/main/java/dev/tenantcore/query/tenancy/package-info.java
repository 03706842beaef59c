/**
 * Read model of the tenancy context: the platform's list of tenants with their domains (and their
 * verification), modules, settings and status ({@code platform_tenants}), which platform
 * administrators browse, a tenant's staff and storefront read for their own tenant, and every
 * node's tenant directory loads to route requests. A platform table: it has no tenant column and
 * no row-level security, because its rows are the tenants themselves.
 */
package dev.tenantcore.query.tenancy;
