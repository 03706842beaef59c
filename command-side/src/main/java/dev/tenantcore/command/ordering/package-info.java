/**
 * Ordering: the Order aggregate and its endpoints. Orders price their lines from the catalogue's
 * {@link dev.tenantcore.command.common.Inventory}, reserve stock there and number themselves per
 * tenant, all in the placing transaction.
 */
package dev.tenantcore.command.ordering;
