package dev.tenantcore.command.media;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.media.DeleteMediaCommand;
import dev.tenantcore.api.media.MediaAttachment;
import dev.tenantcore.api.media.MediaDeletedEvent;
import dev.tenantcore.api.media.MediaId;
import dev.tenantcore.api.media.MediaUpdatedEvent;
import dev.tenantcore.api.media.MediaUploadedEvent;
import dev.tenantcore.api.media.MoveMediaCommand;
import dev.tenantcore.api.media.StoredFile;
import dev.tenantcore.api.media.UpdateMediaCommand;
import dev.tenantcore.api.media.UploadMediaCommand;
import dev.tenantcore.command.common.MediaLookup;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.command.common.TenantOwned;
import dev.tenantcore.infra.storage.StorageKeys;
import java.util.Map;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A file a tenant uploaded, already in storage when this aggregate records it.
 *
 * <p>Invariants: the stored object lies in this file's own folder of the command's tenant
 * ({@code tenants/{tenantId}/media/{mediaId}/}), so no command can point a file at another
 * tenant's object; its type is one the upload pipeline accepts, sniffed from the bytes; only an
 * image is ever shown on an entity; the tenant's stored bytes stay within its quota ({@link
 * MediaUsage}, counted in the same transaction). Its tenant and type are known to other
 * commands through {@link MediaLookup}, written in the same transaction. The file's bytes never change: alt texts and
 * where it is shown do. Deleting it releases its bytes; its objects are removed once the deletion
 * is committed ({@code MediaObjectCleaner}), so a refused or rolled-back deletion loses nothing. A file
 * that something still shows by its id ({@link MediaLookup#usedBy}, the shop's logo) is not deleted.
 */
@Aggregate
public class Media extends TenantOwned {

    @AggregateIdentifier
    private MediaId id;

    private StoredFile file;
    private MediaAttachment attachment;
    private Map<String, String> alt;

    protected Media() {}

    @CommandHandler
    public Media(
            UploadMediaCommand command,
            @MetaDataValue(MetadataKeys.TENANT_ID) String tenant,
            MediaUsage usage,
            MediaLookup files) {
        TenantId owner = TenantId.of(tenant);
        StoredFile f = Objects.requireNonNull(command.file(), "file");
        if (!StorageKeys.original(owner.value(), command.mediaId().value()).equals(f.storageKey())) {
            throw Rules.invalid("the file is not stored in this file's own folder");
        }
        if (!MediaRules.accepted(f.contentType())) {
            throw Rules.invalid("files of type " + f.contentType() + " are not accepted");
        }
        if (f.sizeBytes() <= 0) {
            throw Rules.invalid("the file is empty");
        }
        MediaRules.sha256(f.sha256());
        Rules.optionalText("fileName", f.fileName(), 255);
        MediaAttachment at = MediaRules.attachment(command.attachment(), f.contentType());
        Map<String, String> texts = MediaRules.alt(command.alt());
        usage.add(f.sizeBytes());
        files.stored(command.mediaId(), f.contentType());
        apply(new MediaUploadedEvent(command.mediaId(), owner, f, at, texts));
    }

    @CommandHandler
    public long handle(UpdateMediaCommand command) {
        MediaAttachment at = command.detach()
                ? null
                : command.attachment() != null
                        ? MediaRules.attachment(command.attachment(), file.contentType())
                        : attachment;
        Map<String, String> texts = command.alt() != null ? MediaRules.alt(command.alt()) : alt;
        if (Objects.equals(at, attachment) && texts.equals(alt)) {
            return getVersion();
        }
        apply(new MediaUpdatedEvent(id, at, texts));
        return getVersion();
    }

    @CommandHandler
    public long handle(MoveMediaCommand command) {
        if (attachment == null
                || attachment.entityType() != command.entityType()
                || !attachment.entityId().equals(command.entityId())) {
            throw Rules.invalid("media " + id + " is not shown on that "
                    + command.entityType().wireName());
        }
        MediaAttachment moved = MediaRules.attachment(
                new MediaAttachment(command.entityType(), command.entityId(), command.position()), file.contentType());
        if (moved.equals(attachment)) {
            return getVersion();
        }
        apply(new MediaUpdatedEvent(id, moved, alt));
        return getVersion();
    }

    @CommandHandler
    public long handle(DeleteMediaCommand command, MediaUsage usage, MediaLookup files) {
        files.usedBy(id).ifPresent(referrer -> {
            throw new DomainException(ErrorCode.MEDIA_IN_USE, MediaRules.inUse(referrer));
        });
        usage.release(file.sizeBytes());
        files.deleted(id);
        apply(new MediaDeletedEvent(id, tenantId, file.storageKey(), file.sizeBytes()));
        return getVersion();
    }

    @EventSourcingHandler
    void on(MediaUploadedEvent event) {
        id = event.mediaId();
        tenantId = event.tenantId();
        file = event.file();
        attachment = event.attachment();
        alt = event.alt() == null ? Map.of() : event.alt();
    }

    @EventSourcingHandler
    void on(MediaUpdatedEvent event) {
        attachment = event.attachment();
        alt = event.alt() == null ? Map.of() : event.alt();
    }

    @EventSourcingHandler
    void on(MediaDeletedEvent event) {
        markDeleted();
    }

    @Override
    protected String aggregateId() {
        return String.valueOf(id);
    }
}
