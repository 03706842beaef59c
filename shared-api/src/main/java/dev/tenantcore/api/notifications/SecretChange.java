package dev.tenantcore.api.notifications;

/** What a change did to the sender's secret (SMTP password or SendGrid key), which no event holds. */
public enum SecretChange {
    /** The stored secret, or its absence, stays. */
    UNCHANGED,
    /** A new secret replaced the stored one, or was stored for the first time. */
    REPLACED,
    /** The stored secret was forgotten. */
    REMOVED
}
