/**
 * Saved segments of a tenant's contacts: a name and a filter kept as data (typed conditions
 * combined with all or any), never as SQL, so that automations and campaigns can target a segment
 * by its id and read its history. The query side alone turns a filter into SQL.
 */
package dev.tenantcore.api.crm.segment;
