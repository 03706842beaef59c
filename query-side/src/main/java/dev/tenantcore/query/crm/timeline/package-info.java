/**
 * The contact timeline: one read model fed by the CRM, ordering, payments and invoicing, whose rows
 * are matched to a contact when it is read.
 */
package dev.tenantcore.query.crm.timeline;
