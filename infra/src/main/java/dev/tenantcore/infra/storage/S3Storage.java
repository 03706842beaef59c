package dev.tenantcore.infra.storage;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Objects in one bucket of an S3-compatible service, keys as they are. A put sends the file with
 * its length, so the SDK streams it instead of holding it in memory.
 */
final class S3Storage implements ObjectStorage {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    S3Storage(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    /**
     * Signed here, without a call to the service. The object comes as an attachment with the sniffed
     * type, so a file is never rendered as a page of the bucket's origin.
     */
    @Override
    public Optional<URI> presignedGet(String key, Duration lifetime, String contentType, String fileName) {
        GetObjectRequest get = GetObjectRequest.builder()
                .bucket(bucket)
                .key(StorageKeys.checked(key))
                .responseContentType(contentType)
                .responseContentDisposition("attachment; filename=\"" + safeName(fileName) + "\"")
                .build();
        try {
            return Optional.of(presigner
                    .presignGetObject(r -> r.signatureDuration(lifetime).getObjectRequest(get))
                    .url()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the SDK signed a URL that is not a URI", e);
        }
    }

    private static String safeName(String fileName) {
        String name = fileName == null ? "" : fileName.replaceAll("[^A-Za-z0-9._-]", "_");
        return name.isBlank() || name.length() > 200 ? "file" : name;
    }

    @Override
    public void put(String key, Path file, String contentType) throws IOException {
        s3.putObject(
                b -> b.bucket(bucket).key(StorageKeys.checked(key)).contentType(contentType),
                RequestBody.fromFile(file));
    }

    @Override
    public Optional<StoredObject> open(String key) throws IOException {
        try {
            ResponseInputStream<GetObjectResponse> in =
                    s3.getObject(b -> b.bucket(bucket).key(StorageKeys.checked(key)));
            return Optional.of(new StoredObject(in, in.response().contentLength()));
        } catch (NoSuchKeyException missing) {
            return Optional.empty();
        }
    }

    @Override
    public void deleteFolder(String folder) throws IOException {
        ListObjectsV2Request list = ListObjectsV2Request.builder()
                .bucket(bucket)
                .prefix(StorageKeys.checked(folder))
                .build();
        for (var page : s3.listObjectsV2Paginator(list)) {
            List<ObjectIdentifier> keys = page.contents().stream()
                    .map(S3Object::key)
                    .map(k -> ObjectIdentifier.builder().key(k).build())
                    .toList();
            if (!keys.isEmpty()) {
                s3.deleteObjects(b -> b.bucket(bucket)
                        .delete(Delete.builder().objects(keys).quiet(true).build()));
            }
        }
    }
}
