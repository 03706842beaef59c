/**
 * Read model of the catalogue: each tenant's categories and products ({@code categories},
 * {@code products}, protected by row-level security), the staff and storefront query endpoints
 * over them, and subscription-query updates that let the command side answer once its write is
 * readable here.
 */
package dev.tenantcore.query.catalog;
