package dev.tenantcore.infra.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One link of a tenant's hash chain: {@code SHA-256(previous link ‖ canonical bytes of the event)},
 * the first event's predecessor being 32 zero bytes. The canonical bytes are eight fields of the
 * event as stored, in this order, each as a 4-byte big-endian length and then its bytes (a missing
 * value is the length {@code 0xFFFFFFFF} and no bytes): the event type ({@code payload_type}), its
 * revision, the aggregate type, the aggregate id, the sequence number in decimal, the timestamp as
 * stored, the payload bytes and the metadata bytes. Text is UTF-8. The README's "Audit" section says
 * the same for auditors who recompute a link with their own tools; nothing here may change without it.
 */
public final class ChainLink {

    /** The predecessor of a tenant's first link. */
    public static final byte[] GENESIS = new byte[32];

    private static final int MISSING = 0xFFFFFFFF;

    private ChainLink() {}

    /** The link that follows {@code previous} for {@code event}. */
    public static byte[] next(byte[] previous, StoredEvent event) {
        MessageDigest sha256 = sha256();
        sha256.update(previous);
        sha256.update(canonical(event));
        return sha256.digest();
    }

    /** The event's canonical bytes, as the class comment defines them. */
    public static byte[] canonical(StoredEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + length(event.payload()) + length(event.metaData()));
        field(out, text(event.payloadType()));
        field(out, text(event.revision()));
        field(out, text(event.aggregateType()));
        field(out, text(event.aggregateId()));
        field(out, text(Long.toString(event.sequence())));
        field(out, text(event.timestamp()));
        field(out, event.payload());
        field(out, event.metaData());
        return out.toByteArray();
    }

    public static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    private static void field(ByteArrayOutputStream out, byte[] value) {
        int length = value == null ? MISSING : value.length;
        out.write(length >>> 24);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
        if (value != null) {
            out.writeBytes(value);
        }
    }

    private static byte[] text(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static int length(byte[] value) {
        return value == null ? 0 : value.length;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
