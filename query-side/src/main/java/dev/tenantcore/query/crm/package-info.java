/** The CRM's read models: contacts with their text search, tags, custom fields and lifecycle stages. */
package dev.tenantcore.query.crm;
