/** Read models of the automations module: the tenant's rules. */
package dev.tenantcore.query.automations;
