package dev.tenantcore.infra.storage;

import java.net.URI;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Chooses the storage with {@code app.storage.type}: {@code local} (the default: files below
 * {@code app.storage.local.directory}) or {@code s3}, configured by {@code app.storage.s3.*} so that
 * AWS, Spaces, R2 and MinIO all work.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean
    ObjectStorage objectStorage(
            @Value("${app.storage.type:local}") String type,
            @Value("${app.storage.local.directory:data/media}") Path directory,
            @Value("${app.storage.s3.endpoint:}") String endpoint,
            @Value("${app.storage.s3.region:us-east-1}") String region,
            @Value("${app.storage.s3.bucket:}") String bucket,
            @Value("${app.storage.s3.path-style:false}") boolean pathStyle,
            @Value("${app.storage.s3.access-key:}") String accessKey,
            @Value("${app.storage.s3.secret-key:}") String secretKey) {
        return switch (type) {
            case "local" -> new LocalDirectoryStorage(directory);
            case "s3" ->
                new S3Storage(
                        s3(endpoint, region, bucket, pathStyle, accessKey, secretKey),
                        presigner(endpoint, region, pathStyle, accessKey, secretKey),
                        bucket);
            default -> throw new IllegalStateException("app.storage.type must be local or s3, not " + type);
        };
    }

    /** Signs download links with the same endpoint, region, addressing and credentials as the client. */
    private static S3Presigner presigner(
            String endpoint, String region, boolean pathStyle, String accessKey, String secretKey) {
        var builder = S3Presigner.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials(accessKey, secretKey))
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(pathStyle)
                        .build());
        if (!endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(String accessKey, String secretKey) {
        return accessKey.isBlank()
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }

    private static S3Client s3(
            String endpoint, String region, String bucket, boolean pathStyle, String accessKey, String secretKey) {
        if (bucket.isBlank()) {
            throw new IllegalStateException("app.storage.s3.bucket is required when app.storage.type is s3");
        }
        AwsCredentialsProvider credentials = credentials(accessKey, secretKey);
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(pathStyle)
                        .build())
                // Checksums only where the API requires them: several S3-compatible services
                // (older MinIO, some Spaces and R2 paths) refuse the SDK's newer default trailers.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (!endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }
}
