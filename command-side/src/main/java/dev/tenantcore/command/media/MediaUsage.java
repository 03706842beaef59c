package dev.tenantcore.command.media;

/**
 * The bytes a tenant stores, against its quota: a command-side lookup written in the command
 * transaction, so two uploads at once cannot both slip under the quota.
 */
interface MediaUsage {

    /** Counts {@code bytes} more for the command's tenant, or refuses with {@code storage_quota_exceeded}. */
    void add(long bytes);

    /** Counts {@code bytes} fewer: the file is deleted. */
    void release(long bytes);
}
