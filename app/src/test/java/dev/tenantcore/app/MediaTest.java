package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.MediaFiles;
import dev.tenantcore.app.support.Multipart;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

@DisplayName("Media")
class MediaTest extends ShopTest {

    @Value("${app.storage.local.directory}")
    Path storage;

    private Path folderOf(Platform.Shop of) {
        return storage.resolve("tenants").resolve(of.id());
    }

    /** The image endpoint's answer on the shop's storefront for {@code idAndQuery}: the raw bytes. */
    private HttpResponse<byte[]> served(String idAndQuery) {
        return MediaFiles.fetch(port, shop.domain(), "/api/v1/public/media/" + idAndQuery, Map.of());
    }

    private JsonNode upload(Multipart body) {
        return MediaFiles.upload(api, shop, owner, body).assertStatus(201).json();
    }

    private JsonNode uploadPng(String name) {
        return upload(new Multipart().file(name, "image/png", MediaFiles.image("png", 120, 80)));
    }

    private int filesIn(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (var walk = Files.walk(folder)) {
            return (int) walk.filter(Files::isRegularFile).count();
        }
    }

    @Nested
    @DisplayName("an upload")
    class Uploads {

        @Test
        @DisplayName("of a .png that is really HTML is refused as unsupported, and nothing is stored")
        void htmlNamedPng() throws Exception {
            byte[] html = "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
                    .getBytes(StandardCharsets.UTF_8);
            MediaFiles.upload(api, shop, owner, new Multipart().file("cute-cat.png", "image/png", html))
                    .assertProblem(415, "unsupported_media_type");
            assertThat(filesIn(folderOf(shop))).isZero();
        }

        @Test
        @DisplayName("of a .png that is really a Windows executable is refused, and nothing is stored")
        void executableNamedPng() throws Exception {
            byte[] exe = new byte[512];
            exe[0] = 'M';
            exe[1] = 'Z';
            exe[0x3C] = (byte) 0x80;
            byte[] pe = "PE\0\0".getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(pe, 0, exe, 0x80, pe.length);
            MediaFiles.upload(api, shop, owner, new Multipart().file("logo.png", "image/png", exe))
                    .assertProblem(415, "unsupported_media_type");
            assertThat(filesIn(folderOf(shop))).isZero();
        }

        @Test
        @DisplayName("of 11 MB is refused with 413 and nothing is stored or recorded")
        void tooLarge() throws Exception {
            byte[] png = MediaFiles.image("png", 16, 16);
            byte[] big = new byte[11 * 1024 * 1024];
            System.arraycopy(png, 0, big, 0, png.length);
            MediaFiles.upload(api, shop, owner, new Multipart().file("huge.png", "image/png", big))
                    .assertProblem(413, "payload_too_large");
            assertThat(filesIn(folderOf(shop))).isZero();
            assertThat(api.get("/api/v1/media").in(shop, owner).send().json().get("items"))
                    .isEmpty();
        }

        @Test
        @DisplayName("of a JPEG keeps no EXIF or GPS metadata in what is stored and served")
        void jpegWithoutExif() throws Exception {
            byte[] photo = withExif(MediaFiles.image("jpeg", 64, 48));
            assertThat(new String(photo, StandardCharsets.ISO_8859_1)).contains("GPSLatitude");
            JsonNode file = upload(new Multipart().file("holiday.jpg", "image/jpeg", photo));
            assertThat(file.get("contentType").asText()).isEqualTo("image/jpeg");

            HttpResponse<byte[]> answer = served(file.get("id").asText());
            assertThat(answer.statusCode()).isEqualTo(200);
            String text = new String(answer.body(), StandardCharsets.ISO_8859_1);
            assertThat(text).doesNotContain("Exif").doesNotContain("GPS");
            assertThat(answer.body().length).isEqualTo(file.get("sizeBytes").asInt());
            assertThat(MediaFiles.size(answer.body())).containsExactly(64, 48);
            assertThat(exifNodes(answer.body())).isEmpty();
        }

        @Test
        @DisplayName("with an attachment and alt texts per locale is listed on its entity in order")
        void attachedAndOrdered() {
            String product = UUID.randomUUID().toString();
            for (String name : List.of("front", "back", "side")) {
                upload(new Multipart()
                        .file(name + ".png", "image/png", MediaFiles.image("png", 20, 20))
                        .field("entityType", "product")
                        .field("entityId", product)
                        .field(
                                "position",
                                String.valueOf(List.of("front", "back", "side").indexOf(name)))
                        .field("alt", "{\"en\": \"The " + name + "\", \"es\": \"El " + name + "\"}"));
            }
            JsonNode listed = api.get("/api/v1/media?entityType=product&entityId=" + product)
                    .in(shop, owner)
                    .send()
                    .assertStatus(200)
                    .json()
                    .get("items");
            assertThat(names(listed)).containsExactly("front.png", "back.png", "side.png");
            assertThat(listed.get(0).get("alt").get("es").asText()).isEqualTo("El front");

            List<String> reversed = new ArrayList<>();
            listed.forEach(m -> reversed.add(0, m.get("id").asText()));
            api.put("/api/v1/media/order")
                    .in(shop, owner)
                    .json(Map.of("entityType", "product", "entityId", product, "mediaIds", reversed))
                    .send()
                    .assertStatus(204);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                            () -> assertThat(names(api.get("/api/v1/media?entityType=product&entityId=" + product)
                                            .in(shop, owner)
                                            .send()
                                            .json()
                                            .get("items")))
                                    .containsExactly("side.png", "back.png", "front.png"));
        }

        @Test
        @DisplayName("of an SVG drawing is served as a download, never inline, and cannot be shown on a product")
        void svgNeverInline() {
            byte[] svg = "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
                    .concat("<script>alert(1)</script></svg>")
                    .getBytes(StandardCharsets.UTF_8);
            MediaFiles.upload(
                            api,
                            shop,
                            owner,
                            new Multipart()
                                    .file("logo.svg", "image/svg+xml", svg)
                                    .field("entityType", "product")
                                    .field("entityId", UUID.randomUUID().toString()))
                    .assertProblem(400, "validation_failed");
            JsonNode file = upload(new Multipart().file("logo.svg", "image/svg+xml", svg));
            assertThat(file.get("contentType").asText()).isEqualTo("image/svg+xml");
            HttpResponse<byte[]> answer = served(file.get("id").asText());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Disposition").orElseThrow())
                    .startsWith("attachment");
            assertThat(answer.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("sandbox");
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
    }

    @Nested
    @DisplayName("the image endpoint")
    class ImageEndpoint {

        @Test
        @DisplayName("answers 404 for another tenant's file id, as for one that does not exist")
        void otherTenantsFile() {
            String id = uploadPng("mine.png").get("id").asText();
            Platform.Shop other = platform.newShop();
            String otherOwner = platform.ownerToken(other);

            api.get("/api/v1/public/media/" + id).origin(other.domain()).send().assertProblem(404, "not_found");
            api.get("/api/v1/public/media/" + id + "?w=64")
                    .origin(other.domain())
                    .send()
                    .assertProblem(404, "not_found");
            api.get("/api/v1/media/" + id).in(other, otherOwner).send().assertProblem(404, "not_found");
            api.delete("/api/v1/media/" + id).in(other, otherOwner).send().assertProblem(404, "not_found");
            assertThat(served(id).statusCode())
                    .as("the owner's storefront still serves it")
                    .isEqualTo(200);
        }

        @Test
        @DisplayName("refuses sizes, fits and formats outside its allow-list")
        void allowList() {
            String id = uploadPng("a.png").get("id").asText();
            for (String query : List.of("w=123", "h=99999", "fit=stretch", "format=svg", "w=64&fit=cover")) {
                api.get("/api/v1/public/media/" + id + "?" + query)
                        .origin(shop.domain())
                        .send()
                        .assertProblem(400, "validation_failed");
            }
        }

        @Test
        @DisplayName("takes no parameter that names a place to fetch from: no operation of the API has one")
        void noUrlParameters() {
            JsonNode document = api.get("/v3/api-docs").send().json();
            List<String> named = new ArrayList<>();
            document.get("paths")
                    .forEach(path -> path.forEach(operation -> {
                        if (operation.has("parameters")) {
                            operation
                                    .get("parameters")
                                    .forEach(p ->
                                            named.add(p.get("name").asText().toLowerCase()));
                        }
                    }));
            assertThat(named)
                    .isNotEmpty()
                    .noneMatch(n -> n.equals("url")
                            || n.equals("uri")
                            || n.equals("src")
                            || n.equals("href")
                            || n.endsWith("url")
                            || n.equals("source"));
        }
    }

    @Nested
    @DisplayName("a deletion")
    class Deletion {

        @Test
        @DisplayName(
                "removes the file's original and variants from storage once committed, and the endpoint forgets it")
        void removesObjects() throws Exception {
            String id = uploadPng("gone.png").get("id").asText();
            assertThat(served(id + "?w=64").statusCode()).isEqualTo(200);
            Path folder = folderOf(shop).resolve("media").resolve(id);
            assertThat(filesIn(folder)).isEqualTo(2);

            api.delete("/api/v1/media/" + id).in(shop, owner).send().assertStatus(204);

            await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(folder));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> api.get("/api/v1/public/media/" + id)
                                    .origin(shop.domain())
                                    .send()
                                    .status()
                            == 404);
            api.get("/api/v1/media/" + id).in(shop, owner).send().assertProblem(404, "not_found");
        }

        private Api.Response setLogo(String mediaId) {
            Map<String, Object> settings = new java.util.HashMap<>(Platform.settings("Logo " + shop.slug(), 0));
            Map<String, Object> branding = new java.util.HashMap<>();
            branding.put("primaryColor", "#112233");
            if (mediaId != null) {
                branding.put("logoMediaId", mediaId);
            }
            settings.put("branding", branding);
            return api.put("/api/v1/tenant/settings")
                    .in(shop, owner)
                    .json(settings)
                    .send();
        }

        @Test
        @DisplayName(
                "of the shop's logo is refused with 409 media_in_use and changes nothing; once the logo is cleared it"
                        + " goes")
        void logoInUse() throws Exception {
            String id = uploadPng("logo.png").get("id").asText();
            setLogo(id).assertStatus(200);
            Api.Response refused =
                    api.delete("/api/v1/media/" + id).in(shop, owner).send();
            refused.assertProblem(409, "media_in_use");
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().get("detail").asText()).contains("logo");

            JsonNode kept =
                    api.get("/api/v1/media/" + id).in(shop, owner).send().json();
            assertThat(kept.get("version").asLong()).isZero();
            assertThat(served(id).statusCode()).isEqualTo(200);
            assertThat(filesIn(folderOf(shop).resolve("media").resolve(id))).isEqualTo(1);

            setLogo(null).assertStatus(200);
            api.delete("/api/v1/media/" + id).in(shop, owner).send().assertStatus(204);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> api.get("/api/v1/media/" + id)
                                    .in(shop, owner)
                                    .send()
                                    .status()
                            == 404);
        }

        @Test
        @DisplayName("of another shop's logo by a stranger answers 404 as for no file at all, and the logo stays")
        void otherTenantLearnsNothing() {
            String id = uploadPng("theirs.png").get("id").asText();
            setLogo(id).assertStatus(200);
            Platform.Shop other = platform.newShop();
            String otherOwner = platform.ownerToken(other);

            Api.Response theirs =
                    api.delete("/api/v1/media/" + id).in(other, otherOwner).send();
            Api.Response none = api.delete("/api/v1/media/" + UUID.randomUUID())
                    .in(other, otherOwner)
                    .send();
            theirs.assertProblem(404, "not_found");
            none.assertProblem(404, "not_found");
            assertThat(theirs.json().get("detail")).isEqualTo(none.json().get("detail"));
            api.get("/api/v1/media/" + id).in(other, otherOwner).send().assertProblem(404, "not_found");
            assertThat(api.get("/api/v1/tenant/settings")
                            .in(shop, owner)
                            .send()
                            .json()
                            .get("branding")
                            .get("logoMediaId")
                            .asText())
                    .isEqualTo(id);
        }

        @Test
        @DisplayName(
                "at the same moment as the file becomes the logo: one of the two wins, and no logo names a deleted file")
        void raceWithLogo() throws Exception {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                int logos = 0;
                int deletions = 0;
                for (int round = 0; round < 6; round++) {
                    String id = uploadPng("race" + round + ".png").get("id").asText();
                    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
                    var logo = pool.submit(() -> {
                        start.await();
                        return setLogo(id);
                    });
                    var deletion = pool.submit(() -> {
                        start.await();
                        return api.delete("/api/v1/media/" + id).in(shop, owner).send();
                    });
                    start.countDown();
                    Api.Response set = logo.get(30, java.util.concurrent.TimeUnit.SECONDS);
                    Api.Response deleted = deletion.get(30, java.util.concurrent.TimeUnit.SECONDS);

                    if (set.status() == 200) {
                        deleted.assertProblem(409, "media_in_use");
                        api.get("/api/v1/media/" + id).in(shop, owner).send().assertStatus(200);
                        logos++;
                    } else {
                        set.assertProblem(422, "unknown_media");
                        deleted.assertStatus(204);
                        deletions++;
                    }
                    String shown = api.get("/api/v1/tenant/settings")
                            .in(shop, owner)
                            .send()
                            .json()
                            .get("branding")
                            .path("logoMediaId")
                            .asText(null);
                    if (shown != null) {
                        assertThat(api.get("/api/v1/media/" + shown)
                                        .in(shop, owner)
                                        .send()
                                        .status())
                                .as("the logo's file exists")
                                .isEqualTo(200);
                    }
                }
                assertThat(logos + deletions).isEqualTo(6);
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        @DisplayName("refused with a stale version removes nothing")
        void staleDeletionKeepsObjects() throws Exception {
            String id = uploadPng("kept.png").get("id").asText();
            api.patch("/api/v1/media/" + id)
                    .in(shop, owner)
                    .json(Map.of("alt", Map.of("en", "Kept")))
                    .send()
                    .assertStatus(200);
            api.delete("/api/v1/media/" + id).in(shop, owner).ifMatch(0).send().assertProblem(412, "version_conflict");
            assertThat(filesIn(folderOf(shop).resolve("media").resolve(id))).isEqualTo(1);
            assertThat(served(id).statusCode()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("the storefront catalogue lists a product's and a category's images by URL, in their order")
    void catalogueImages() {
        JsonNode product = platform.newProduct(
                shop, owner, "mug-" + UUID.randomUUID().toString().substring(0, 8), 900);
        String productId = product.get("id").asText();
        String second = attach("product", productId, 1, "Side").get("id").asText();
        String first = attach("product", productId, 0, "Front").get("id").asText();
        JsonNode category = submit(owner, "/api/v1/categories", Map.of("name", "Mugs", "slug", "mugs-" + shortId()))
                .assertStatus(201)
                .json();
        String banner = attach("category", category.get("id").asText(), 0, "Mugs")
                .get("id")
                .asText();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode images = api.get(
                            "/api/v1/public/products/" + product.get("slug").asText())
                    .origin(shop.domain())
                    .send()
                    .assertStatus(200)
                    .json()
                    .get("images");
            assertThat(images).hasSize(2);
            assertThat(images.get(0).get("url").asText()).isEqualTo("/api/v1/public/media/" + first);
            assertThat(images.get(0).get("alt").get("en").asText()).isEqualTo("Front");
            assertThat(images.get(1).get("id").asText()).isEqualTo(second);
        });
        JsonNode tree = api.get("/api/v1/public/categories")
                .origin(shop.domain())
                .send()
                .assertStatus(200)
                .json();
        JsonNode mugs = null;
        for (JsonNode node : tree) {
            if (node.get("id").asText().equals(category.get("id").asText())) {
                mugs = node;
            }
        }
        assertThat(mugs).isNotNull();
        assertThat(mugs.get("images").get(0).get("url").asText()).isEqualTo("/api/v1/public/media/" + banner);
        assertThat(served(first + "?w=128").statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("with the storefront module switched off, every media route answers module_disabled")
    void storefrontModule() {
        String id = uploadPng("before.png").get("id").asText();
        api.delete("/api/v1/platform/tenants/" + shop.id() + "/modules/storefront")
                .bearer(platform.adminToken())
                .send()
                .assertStatus(200);
        platform.awaitStorefrontRefuses(shop.domain(), "module_disabled");

        api.get("/api/v1/public/media/" + id).origin(shop.domain()).send().assertProblem(403, "module_disabled");
        api.get("/api/v1/media").in(shop, owner).send().assertProblem(403, "module_disabled");
        api.patch("/api/v1/media/" + id)
                .in(shop, owner)
                .json(Map.of("alt", Map.of("en", "x")))
                .send()
                .assertProblem(403, "module_disabled");
        api.delete("/api/v1/media/" + id).in(shop, owner).send().assertProblem(403, "module_disabled");
        MediaFiles.upload(
                        api, shop, owner, new Multipart().file("after.png", "image/png", MediaFiles.image("png", 8, 8)))
                .assertProblem(403, "module_disabled");
    }

    private JsonNode attach(String entityType, String entityId, int position, String alt) {
        return upload(new Multipart()
                .file(alt + ".png", "image/png", MediaFiles.image("png", 30, 20))
                .field("entityType", entityType)
                .field("entityId", entityId)
                .field("position", String.valueOf(position))
                .field("alt", "{\"en\": \"" + alt + "\"}"));
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    @DisplayName("staff update a file's alt texts with If-Match and read their own write")
    void update() {
        JsonNode file = uploadPng("mug.png");
        String id = file.get("id").asText();
        Api.Response updated = api.patch("/api/v1/media/" + id)
                .in(shop, owner)
                .ifMatch(0)
                .returningRepresentation()
                .json(Map.of("alt", Map.of("en", "A mug", "es", "Una taza")))
                .send();
        updated.assertStatus(200);
        updated.assertETag(1);
        assertThat(updated.json().get("alt").get("es").asText()).isEqualTo("Una taza");
        assertThat(updated.json().get("url").asText()).isEqualTo("/api/v1/public/media/" + id);
    }

    private static List<String> names(JsonNode items) {
        List<String> names = new ArrayList<>();
        items.forEach(m -> names.add(m.get("fileName").asText()));
        return names;
    }

    /** The image with an EXIF segment holding a GPS position, as a phone writes it. */
    private static byte[] withExif(byte[] jpeg) {
        byte[] exif = "Exif\0\0GPSLatitude=40.4168;GPSLongitude=-3.7038".getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[jpeg.length + exif.length + 4];
        System.arraycopy(jpeg, 0, out, 0, 2);
        out[2] = (byte) 0xFF;
        out[3] = (byte) 0xE1;
        out[4] = (byte) ((exif.length + 2) >> 8);
        out[5] = (byte) ((exif.length + 2) & 0xFF);
        System.arraycopy(exif, 0, out, 6, exif.length);
        System.arraycopy(jpeg, 2, out, 6 + exif.length, jpeg.length - 2);
        return out;
    }

    /** The APP1 (EXIF) markers the JPEG reader finds in the image's metadata. */
    private static List<String> exifNodes(byte[] jpeg) throws Exception {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        ImageReader reader = readers.next();
        reader.setInput(ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg)));
        IIOMetadata metadata = reader.getImageMetadata(0);
        var root = (org.w3c.dom.Element) metadata.getAsTree("javax_imageio_jpeg_image_1.0");
        var markers = root.getElementsByTagName("unknown");
        List<String> app1 = new ArrayList<>();
        for (int i = 0; i < markers.getLength(); i++) {
            var marker = (org.w3c.dom.Element) markers.item(i);
            if ("225".equals(marker.getAttribute("MarkerTag"))) {
                app1.add(marker.getNodeName());
            }
        }
        return app1;
    }
}
