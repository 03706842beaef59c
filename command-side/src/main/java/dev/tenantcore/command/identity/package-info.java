/** User accounts. */
package dev.tenantcore.command.identity;
