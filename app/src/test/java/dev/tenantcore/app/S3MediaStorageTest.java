package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.MediaFiles;
import dev.tenantcore.app.support.Multipart;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.S3MockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The round trip against S3: the application talks to Adobe's S3Mock, a real S3-API server started
 * as its own process, through the AWS SDK as it would to AWS, Spaces or R2. Its own application
 * context, since the storage is chosen at start; closed after the class, as no other test shares it.
 */
@DirtiesContext
class S3MediaStorageTest extends MediaRoundTrip {

    private static S3Client s3;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("app.storage.type", () -> "s3");
        registry.add("app.storage.s3.endpoint", () -> S3MockServer.get().endpoint());
        registry.add("app.storage.s3.region", () -> "us-east-1");
        registry.add("app.storage.s3.bucket", () -> S3MockServer.BUCKET);
        registry.add("app.storage.s3.path-style", () -> "true");
        registry.add("app.storage.s3.access-key", () -> "test-access-key");
        registry.add("app.storage.s3.secret-key", () -> "test-secret-key");
        registry.add("app.media.download-url-lifetime", () -> "PT2M");
    }

    @BeforeAll
    static void client() {
        s3 = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(S3MockServer.get().endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    @AfterAll
    static void close() {
        if (s3 != null) {
            s3.close();
        }
        S3MockServer.stop();
    }

    @Override
    List<String> storedKeys(String tenantId) {
        return s3
                .listObjectsV2Paginator(b -> b.bucket(S3MockServer.BUCKET).prefix("tenants/" + tenantId + "/"))
                .contents()
                .stream()
                .map(S3Object::key)
                .sorted()
                .toList();
    }

    @Test
    @DisplayName(
            "staff get a presigned link that fetches the original's bytes from the storage as an attachment, signed"
                    + " for the configured lifetime only; another shop gets 404")
    void presignedDownload() throws Exception {
        byte[] png = MediaFiles.image("png", 300, 200);
        String id = MediaFiles.upload(api, shop, owner, new Multipart().file("big photo.png", "image/png", png))
                .assertStatus(201)
                .json()
                .get("id")
                .asText();

        Instant before = Instant.now();
        Api.Response answer =
                api.get("/api/v1/media/" + id + "/download").in(shop, owner).send();
        answer.assertStatus(200);
        assertThat(answer.header("Cache-Control")).contains("no-store");
        URI url = URI.create(answer.json().get("url").asText());
        Instant expiresAt = Instant.parse(answer.json().get("expiresAt").asText());

        assertThat(url.toString())
                .startsWith(S3MockServer.get().endpoint() + "/" + S3MockServer.BUCKET + "/tenants/" + shop.id()
                        + "/media/" + id + "/original?")
                .contains("X-Amz-Signature=", "X-Amz-Expires=120", "X-Amz-Credential=test-access-key");
        Map<String, String> query = new java.util.HashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        Instant signedAt = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC)
                .parse(query.get("X-Amz-Date"), Instant::from);
        assertThat(signedAt).isBetween(before.minusSeconds(2), Instant.now().plusSeconds(1));
        assertThat(signedAt.plusSeconds(Long.parseLong(query.get("X-Amz-Expires"))))
                .as("the link stops working when the answer says")
                .isCloseTo(expiresAt, within(2, ChronoUnit.SECONDS));
        assertThat(query.get("response-content-disposition")).isEqualTo("attachment; filename=\"big_photo.png\"");

        HttpResponse<byte[]> fetched = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(png);

        Platform.Shop other = platform.newShop();
        api.get("/api/v1/media/" + id + "/download")
                .in(other, platform.ownerToken(other))
                .send()
                .assertProblem(404, "not_found");
    }
}
