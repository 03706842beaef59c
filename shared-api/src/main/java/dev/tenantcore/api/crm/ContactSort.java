package dev.tenantcore.api.crm;

/** The orders of a contact list; each breaks ties by id, so its pages are stable. */
public enum ContactSort {
    /** When the contact was created: the default. */
    CREATED_AT,
    /** When the contact last changed (details, tags, notes, status). */
    UPDATED_AT,
    /** By name, in the database's collation. */
    NAME
}
