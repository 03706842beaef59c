package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.app.support.MediaFiles;
import dev.tenantcore.app.support.Multipart;
import dev.tenantcore.app.support.ShopTest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Upload → resize → serve over HTTP, against one storage: the subclass says which, and lists what
 * that storage holds for a tenant.
 */
abstract class MediaRoundTrip extends ShopTest {

    /** Every object key the storage holds below {@code tenants/{tenantId}/}. */
    abstract List<String> storedKeys(String tenantId) throws Exception;

    @Test
    @DisplayName(
            "an uploaded image is stored under the tenant's folder, resized on its first request, and the variant kept")
    void uploadResizeServe() throws Exception {
        byte[] png = MediaFiles.image("png", 600, 400);
        JsonNode file = MediaFiles.upload(api, shop, owner, new Multipart().file("mug.png", "image/png", png))
                .assertStatus(201)
                .json();
        String id = file.get("id").asText();
        assertThat(file.get("contentType").asText()).isEqualTo("image/png");
        assertThat(file.get("width").asInt()).isEqualTo(600);
        assertThat(file.get("sha256").asText())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(png)));
        assertThat(storedKeys(shop.id())).containsExactly("tenants/" + shop.id() + "/media/" + id + "/original");

        HttpResponse<byte[]> original = MediaFiles.fetch(port, shop.domain(), "/api/v1/public/media/" + id, Map.of());
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.body()).isEqualTo(png);
        assertThat(original.headers().firstValue("Content-Type")).hasValue("image/png");

        String variantPath = "/api/v1/public/media/" + id + "?w=256&h=256&fit=cover&format=jpeg";
        HttpResponse<byte[]> resized = MediaFiles.fetch(port, shop.domain(), variantPath, Map.of());
        assertThat(resized.statusCode()).isEqualTo(200);
        assertThat(resized.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(resized.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(resized.headers().firstValue("Cache-Control").orElseThrow())
                .contains("public")
                .contains("immutable");
        assertThat(MediaFiles.size(resized.body())).containsExactly(256, 256);
        String etag = resized.headers().firstValue("ETag").orElseThrow();
        assertThat(storedKeys(shop.id()))
                .contains("tenants/" + shop.id() + "/media/" + id + "/variants/256x256-cover.jpeg");

        HttpResponse<byte[]> again = MediaFiles.fetch(port, shop.domain(), variantPath, Map.of());
        assertThat(again.body()).as("the cached variant, byte for byte").isEqualTo(resized.body());
        HttpResponse<byte[]> notModified =
                MediaFiles.fetch(port, shop.domain(), variantPath, Map.of("If-None-Match", etag));
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
    }
}
