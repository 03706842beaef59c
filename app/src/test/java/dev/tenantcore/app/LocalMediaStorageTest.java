package dev.tenantcore.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;

/** The round trip against the default storage: a local directory. */
class LocalMediaStorageTest extends MediaRoundTrip {

    @Value("${app.storage.local.directory}")
    Path directory;

    @Override
    List<String> storedKeys(String tenantId) throws Exception {
        Path tenant = directory.resolve("tenants").resolve(tenantId);
        if (!Files.isDirectory(tenant)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(tenant)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> directory.relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }
}
