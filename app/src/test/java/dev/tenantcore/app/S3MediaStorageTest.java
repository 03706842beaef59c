package dev.tenantcore.app;

import dev.tenantcore.app.support.S3MockServer;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
}
