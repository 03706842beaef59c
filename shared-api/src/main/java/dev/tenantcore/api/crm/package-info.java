/**
 * The CRM: contacts (people and companies a tenant deals with), their custom field definitions,
 * tags and lifecycle stages.
 */
package dev.tenantcore.api.crm;
