/**
 * The CRM's command side: contacts, the tenant's custom field definitions and lifecycle stages,
 * and the policy that makes storefront customers and buyers contacts. {@link
 * dev.tenantcore.command.crm.ContactDirectory} finds a contact by e-mail, phone or handle from
 * within a command transaction, for other CRM aggregates (leads) that link to contacts.
 */
package dev.tenantcore.command.crm;
