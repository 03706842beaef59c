package dev.tenantcore.infra.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The local directory storage")
class LocalDirectoryStorageTest {

    @TempDir
    Path root;

    @Test
    @DisplayName("keeps an object under its key, reads it back, and removes a file's whole folder")
    void putOpenDelete() throws Exception {
        ObjectStorage storage = new LocalDirectoryStorage(root.resolve("media"));
        UUID tenant = UUID.randomUUID();
        UUID media = UUID.randomUUID();
        Path file = Files.writeString(root.resolve("upload"), "bytes");
        storage.put(StorageKeys.original(tenant, media), file, "image/png");
        storage.put(StorageKeys.mediaFolder(tenant, media) + "variants/64x0-contain.png", file, "image/png");

        try (var object = storage.open(StorageKeys.original(tenant, media)).orElseThrow()) {
            assertThat(object.length()).isEqualTo(5);
            assertThat(new String(object.stream().readAllBytes())).isEqualTo("bytes");
        }
        assertThat(storage.open(StorageKeys.original(tenant, UUID.randomUUID())))
                .isEmpty();

        storage.deleteFolder(StorageKeys.mediaFolder(tenant, media));
        assertThat(storage.open(StorageKeys.original(tenant, media))).isEmpty();
        assertThat(root.resolve("media/tenants/" + tenant + "/media/" + media)).doesNotExist();
    }

    @Test
    @DisplayName("refuses keys that would leave its directory")
    void traversal() {
        ObjectStorage storage = new LocalDirectoryStorage(root.resolve("media"));
        for (String key : new String[] {"../escape", "tenants/../../escape", "/etc/passwd", "tenants//x", ""}) {
            assertThatThrownBy(() -> storage.open(key)).as(key).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
