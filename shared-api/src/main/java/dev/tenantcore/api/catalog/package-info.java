/** The catalogue: a category tree and products with prices, stock and metadata. */
package dev.tenantcore.api.catalog;
