/** Domain events as a tenant's subscribers see them: the envelope of the public event catalogue. */
package dev.tenantcore.infra.events;
