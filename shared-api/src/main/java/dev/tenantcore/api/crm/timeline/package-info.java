/**
 * A contact's timeline: one feed, newest first, of what happened with the contact across the CRM,
 * ordering, payments and invoicing, each entry with who did it.
 */
package dev.tenantcore.api.crm.timeline;
