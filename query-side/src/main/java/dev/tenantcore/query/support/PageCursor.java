package dev.tenantcore.query.support;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * The position after the last row of a page, for keyset pagination over {@code (created_at, id)}.
 * Clients get it as opaque base64url text so that the ordering key can change without breaking
 * them; the id breaks ties between rows created in the same microsecond.
 */
public record PageCursor(Instant createdAt, UUID id) {

    private static final int MAX_ENCODED_LENGTH = 200;

    public PageCursor {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(id, "id");
    }

    public String encode() {
        String plain = createdAt + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a cursor handed out earlier, or none for the first page. Anything else is the client's
     * mistake, reported as a validation failure rather than an empty page that would hide it.
     */
    public static PageCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            if (cursor.length() > MAX_ENCODED_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = plain.indexOf('|');
            if (bar < 0) {
                throw new IllegalArgumentException("no separator");
            }
            return new PageCursor(Instant.parse(plain.substring(0, bar)), UUID.fromString(plain.substring(bar + 1)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "The cursor is not valid.");
        }
    }
}
