package dev.tenantcore.command.media;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.media.MediaId;
import dev.tenantcore.api.media.StoredFile;
import dev.tenantcore.api.media.UploadMediaCommand;
import dev.tenantcore.command.common.MediaIntake;
import dev.tenantcore.command.common.MediaLookup;
import java.io.IOException;
import java.io.InputStream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link MediaIntake} through the upload pipeline. Files that reach a tenant other than by a staff upload (a customer's attachment on a messaging
 * channel), taken through the same pipeline: type sniffed from the bytes, size limit, JPEG metadata
 * stripped, stored under the file's own key, and recorded by {@link UploadMediaCommand} (quota
 * included). The caller chooses the id, derived from what the file is, so a second attempt for the
 * same file finds it recorded and stores nothing again. Runs in the caller's tenant ({@code
 * TenantContext}), outside any transaction.
 */
@Component
class UploadPipelineIntake implements MediaIntake {

    private final MediaUploads uploads;
    private final MediaLookup files;
    private final CommandGateway commands;
    private final TransactionTemplate tx;

    UploadPipelineIntake(
            MediaUploads uploads,
            MediaLookup files,
            CommandGateway commands,
            PlatformTransactionManager transactionManager) {
        this.uploads = uploads;
        this.files = files;
        this.commands = commands;
        this.tx = new TransactionTemplate(transactionManager);
        this.tx.setReadOnly(true);
    }

    @Override
    public boolean has(MediaId id) {
        return Boolean.TRUE.equals(tx.execute(s -> files.contentType(id).isPresent()));
    }

    @Override
    public MediaId store(TenantId tenant, MediaId id, InputStream content, String fileName) throws IOException {
        if (has(id)) {
            return id;
        }
        StoredFile stored = uploads.store(tenant.value(), id.value(), content, fileName);
        try {
            commands.sendAndWait(new UploadMediaCommand(id, stored, null, null));
        } catch (RuntimeException refused) {
            if (has(id)) {
                // Recorded by an attempt that ran at the same time: the same bytes under the same key.
                return id;
            }
            uploads.discard(tenant.value(), id.value());
            throw refused;
        }
        return id;
    }
}
