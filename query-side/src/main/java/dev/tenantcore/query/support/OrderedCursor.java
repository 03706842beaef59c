package dev.tenantcore.query.support;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * The position after the last row of a page in a {@link PageOrder}: the order's name, the row's id
 * and its value of the ordering column. Opaque base64url text to clients, like {@link PageCursor};
 * the order's name inside makes a cursor of one order useless for another (refused, not misread).
 */
record OrderedCursor(String order, String value, UUID id) {

    /** Names are up to a few hundred characters; a cursor has room for one and no more. */
    private static final int MAX_ENCODED_LENGTH = 2000;

    OrderedCursor {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(id, "id");
    }

    String encode() {
        // The value goes last: it is the only part that may contain the separator.
        String plain = order + "|" + id + "|" + value;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** A cursor handed out earlier for {@code order}, or none for the first page; anything else is refused. */
    static OrderedCursor decode(String cursor, PageOrder<?> order) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            if (cursor.length() > MAX_ENCODED_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 3);
            if (parts.length != 3 || !parts[0].equals(order.name())) {
                throw new IllegalArgumentException("not a cursor of this order");
            }
            order.type().bind(parts[2]);
            return new OrderedCursor(parts[0], parts[2], UUID.fromString(parts[1]));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "The cursor is not valid.");
        }
    }
}
