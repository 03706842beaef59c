package dev.tenantcore.command.common;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.media.MediaId;
import java.io.IOException;
import java.io.InputStream;

/**
 * The media context's way in for files that reach a tenant other than by a staff upload (a
 * customer's attachment on a messaging channel): the same pipeline as an upload (type sniffed from
 * the bytes, size limit, quota) and the same {@code UploadMediaCommand}. The caller chooses the id,
 * derived from what the file is, so a second attempt for the same file stores nothing again. Runs in
 * the caller's tenant ({@code TenantContext}), outside any transaction.
 */
public interface MediaIntake {

    /** Whether the tenant already has file {@code id}. */
    boolean has(MediaId id);

    /**
     * Stores {@code content} as file {@code id} of {@code tenant} and records it, or finds it already
     * recorded.
     *
     * @throws dev.tenantcore.api.common.DomainException {@code unsupported_media_type}, {@code
     *     payload_too_large}, {@code validation_failed} or the quota's refusal: nothing is kept then
     */
    MediaId store(TenantId tenant, MediaId id, InputStream content, String fileName) throws IOException;
}
