package dev.tenantcore.command.media;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.media.StoredFile;
import dev.tenantcore.infra.http.LimitedInputStream;
import dev.tenantcore.infra.storage.ObjectStorage;
import dev.tenantcore.infra.storage.StorageKeys;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.UUID;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.tika.Tika;
import org.apache.tika.metadata.Metadata;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Takes an uploaded file to storage: sniffs its type from its first bytes (never from its name or
 * the declared type), refuses what is not an accepted image or document, strips a JPEG's metadata,
 * hashes what is stored, and writes it under the file's own key. The bytes flow through a temporary
 * file, never into memory whole; the temporary file is gone when this returns.
 */
@Component
class MediaUploads {

    // Magic numbers only: tika-core without parsers reads no more than the first few kilobytes.
    private static final Tika TIKA = new Tika();
    private static final int SNIFF_BYTES = 64 * 1024;
    /** Beyond this many pixels an image is refused: decoding it would take too much memory (a "pixel bomb"). */
    static final long MAX_PIXELS = 24_000_000L;

    private final ObjectStorage storage;
    private final long maxFileBytes;

    MediaUploads(ObjectStorage storage, @Value("${app.media.max-file-bytes:10485760}") long maxFileBytes) {
        this.storage = storage;
        this.maxFileBytes = maxFileBytes;
    }

    /** Stores the upload as file {@code media} of {@code tenant}; refuses it with a problem code otherwise. */
    StoredFile store(UUID tenant, UUID media, InputStream upload, String fileName) throws IOException {
        Path temp = Files.createTempFile("tenantcore-upload-", ".bin");
        try {
            BufferedInputStream in = new BufferedInputStream(upload, SNIFF_BYTES);
            String type = sniff(in);
            if (!MediaRules.accepted(type)) {
                throw new DomainException(
                        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                        "Only JPEG, PNG and GIF images, SVG drawings and PDF documents are accepted; this file is "
                                + type + ".");
            }
            MessageDigest sha256 = sha256();
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha256)) {
                // The multipart parser enforces the same limit; this holds for any caller.
                InputStream limited = new LimitedInputStream(in, maxFileBytes, max -> {
                    throw new TooLarge();
                });
                if (type.equals("image/jpeg")) {
                    JpegMetadata.strip(limited, out);
                } else {
                    limited.transferTo(out);
                }
            } catch (TooLarge e) {
                throw new DomainException(
                        ErrorCode.PAYLOAD_TOO_LARGE, "A file may be at most " + maxFileBytes + " bytes.");
            } catch (IOException e) {
                if (type.equals("image/jpeg")) {
                    throw unreadable(type);
                }
                throw e;
            }
            size = Files.size(temp);
            int[] dimensions = MediaRules.IMAGES.contains(type) ? dimensions(temp, type) : null;
            String key = StorageKeys.original(tenant, media);
            storage.put(key, temp, type);
            return new StoredFile(
                    key,
                    type,
                    size,
                    HexFormat.of().formatHex(sha256.digest()),
                    dimensions == null ? null : dimensions[0],
                    dimensions == null ? null : dimensions[1],
                    cleanName(fileName));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Removes what {@link #store} wrote for a file whose command was then refused. */
    void discard(UUID tenant, UUID media) {
        try {
            storage.deleteFolder(StorageKeys.mediaFolder(tenant, media));
        } catch (IOException | RuntimeException e) {
            // Nothing refers to the object; it only takes space. The refusal is what the caller must hear.
        }
    }

    private static String sniff(BufferedInputStream in) throws IOException {
        // An empty Metadata: no name and no declared type for Tika to trust.
        return TIKA.detect(in, new Metadata());
    }

    /** The image's width and height from its header, without decoding its pixels. */
    private static int[] dimensions(Path file, String type) {
        try (ImageInputStream image = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type);
            if (image == null || !readers.hasNext()) {
                throw unreadable(type);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(image, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0 || (long) width * height > MAX_PIXELS) {
                    throw new DomainException(
                            ErrorCode.VALIDATION_FAILED,
                            "An image may have at most " + MAX_PIXELS + " pixels; this one is " + width + "×" + height
                                    + ".");
                }
                return new int[] {width, height};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DomainException d) {
                throw d;
            }
            throw unreadable(type);
        }
    }

    private static DomainException unreadable(String type) {
        return new DomainException(
                ErrorCode.UNSUPPORTED_MEDIA_TYPE, "The file starts like " + type + " but is not a readable one.");
    }

    private static String cleanName(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        // Only the last path element, without control characters, as a label: never a path.
        String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        String clean = last.replaceAll("\\p{Cntrl}", "").strip();
        return clean.isEmpty() ? null : clean.substring(0, Math.min(clean.length(), 255));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("the file is over the limit");
        }
    }
}
