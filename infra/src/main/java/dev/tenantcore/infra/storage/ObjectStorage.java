package dev.tenantcore.infra.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where tenants' files are kept. Keys are relative paths such as {@code
 * tenants/{tenantId}/media/{mediaId}/original}; {@link StorageKeys} makes them and refuses any
 * that could leave their folder.
 */
public interface ObjectStorage {

    /** Stores the file's bytes under {@code key}, replacing what was there; visible to readers only once complete. */
    void put(String key, Path file, String contentType) throws IOException;

    /** The object under {@code key}, to be closed by the caller; empty when there is none. */
    Optional<StoredObject> open(String key) throws IOException;

    /** Removes every object whose key starts with {@code folder} (a key prefix ending in {@code /}). */
    void deleteFolder(String folder) throws IOException;

    /**
     * A URL that lets whoever holds it GET the object under {@code key} for {@code lifetime}, as an
     * attachment named {@code fileName} of type {@code contentType}; empty where the storage has no
     * such links (the local directory).
     */
    default Optional<URI> presignedGet(String key, Duration lifetime, String contentType, String fileName) {
        return Optional.empty();
    }

    /** An object being read: its bytes and how many there are. */
    record StoredObject(InputStream stream, long length) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            stream.close();
        }
    }
}
