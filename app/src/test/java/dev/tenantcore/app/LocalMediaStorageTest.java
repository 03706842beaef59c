package dev.tenantcore.app;

import dev.tenantcore.app.support.MediaFiles;
import dev.tenantcore.app.support.Multipart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
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

    @Test
    @DisplayName("a presigned download link is refused with 409 download_link_unavailable: a directory signs none")
    void noPresignedLinks() {
        String id = MediaFiles.upload(
                        api, shop, owner, new Multipart().file("a.png", "image/png", MediaFiles.image("png", 20, 20)))
                .assertStatus(201)
                .json()
                .get("id")
                .asText();
        api.get("/api/v1/media/" + id + "/download")
                .in(shop, owner)
                .send()
                .assertProblem(409, "download_link_unavailable");
        api.get("/api/v1/media/" + java.util.UUID.randomUUID() + "/download")
                .in(shop, owner)
                .send()
                .assertProblem(404, "not_found");
    }
}
