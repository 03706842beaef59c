/** Ordering: orders placed from catalogue prices, their totals, stock reservations and status machine. */
package dev.tenantcore.api.ordering;
