package dev.tenantcore.infra.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Objects as files below one directory, a key being the file's relative path. A put writes a
 * temporary file beside the target and moves it into place, so a reader sees the old object or the
 * new one, never half of one.
 */
final class LocalDirectoryStorage implements ObjectStorage {

    private final Path root;

    LocalDirectoryStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the storage directory " + this.root, e);
        }
    }

    @Override
    public void put(String key, Path file, String contentType) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(".partial-" + UUID.randomUUID());
        try {
            Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public Optional<StoredObject> open(String key) throws IOException {
        Path file = resolve(key);
        try {
            var stream = Files.newInputStream(file);
            return Optional.of(new StoredObject(stream, Files.size(file)));
        } catch (NoSuchFileException | AccessDeniedException missing) {
            // A folder (a key that is a prefix of others) is no object either.
            return Optional.empty();
        }
    }

    @Override
    public void deleteFolder(String folder) throws IOException {
        Path dir = resolve(folder);
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }

    private Path resolve(String key) {
        Path path = root.resolve(StorageKeys.checked(key)).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("not a storage key: " + key);
        }
        return path;
    }
}
