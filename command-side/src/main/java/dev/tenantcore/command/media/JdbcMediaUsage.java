package dev.tenantcore.command.media;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link MediaUsage} in the row-level-secured {@code media_usage}, one row per tenant. */
@Component
class JdbcMediaUsage implements MediaUsage {

    private final JdbcTemplate jdbc;
    private final long quota;

    JdbcMediaUsage(JdbcTemplate jdbc, @Value("${app.media.tenant-quota-bytes:1073741824}") long quota) {
        this.jdbc = jdbc;
        this.quota = quota;
    }

    @Override
    public void add(long bytes) {
        // One statement: the conflict update locks the tenant's row, so concurrent uploads queue here.
        int counted = bytes > quota
                ? 0
                : jdbc.update(
                        "INSERT INTO media_usage (tenant_id, bytes) VALUES (app_current_tenant(), ?)"
                                + " ON CONFLICT (tenant_id) DO UPDATE SET bytes = media_usage.bytes + EXCLUDED.bytes"
                                + " WHERE media_usage.bytes + EXCLUDED.bytes <= ?",
                        bytes,
                        quota);
        if (counted == 0) {
            throw new DomainException(
                    ErrorCode.STORAGE_QUOTA_EXCEEDED,
                    "This file would take the shop's storage over its quota of " + quota + " bytes.");
        }
    }

    @Override
    public void release(long bytes) {
        jdbc.update(
                "UPDATE media_usage SET bytes = greatest(bytes - ?, 0) WHERE tenant_id = app_current_tenant()", bytes);
    }
}
