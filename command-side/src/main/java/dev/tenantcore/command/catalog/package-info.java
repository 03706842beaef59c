/** The catalogue: categories and products. */
package dev.tenantcore.command.catalog;
