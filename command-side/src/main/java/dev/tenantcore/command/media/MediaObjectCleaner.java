package dev.tenantcore.command.media;

import dev.tenantcore.api.media.MediaDeletedEvent;
import dev.tenantcore.infra.storage.ObjectStorage;
import dev.tenantcore.infra.storage.StorageKeys;
import java.io.IOException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Removes a deleted file's objects (its original and every cached variant). It reads the event
 * store as a tracking processor, so it only ever sees a deletion that is committed: a deletion
 * refused or rolled back never touches storage. The event store is the outbox and the processor's
 * token its progress, so a removal that fails (storage down) is retried, and one interrupted by a
 * restart runs again; removing what is already gone is harmless.
 */
@Component
@ProcessingGroup("media-objects")
class MediaObjectCleaner {

    private final ObjectStorage storage;

    MediaObjectCleaner(ObjectStorage storage) {
        this.storage = storage;
    }

    @EventHandler
    void on(MediaDeletedEvent event) throws IOException {
        storage.deleteFolder(StorageKeys.folderOf(event.storageKey()));
    }
}
