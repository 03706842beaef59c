/**
 * Read model of the tenancy context: the platform's list of tenants with their domains, modules and
 * status ({@code platform_tenants}), which platform administrators browse and which every node's
 * tenant directory loads to route requests. A platform table: it has no tenant column and no
 * row-level security, because its rows are the tenants themselves.
 */
package dev.tenantcore.query.tenancy;
