/**
 * Leads and the public forms that collect them: a tenant defines forms (fields, qualification
 * questions, consent text), visitors submit them anonymously, and staff work each lead through
 * new → contacted → qualified → converted, or rejected.
 */
package dev.tenantcore.api.crm.lead;
