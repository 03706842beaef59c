package dev.tenantcore.query.support;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Conversions between Java values and PostgreSQL columns that the JDBC driver does not do alone. */
public final class Sql {

    private Sql() {}

    /** The driver binds {@code OffsetDateTime} to {@code timestamptz}, but not {@code Instant}. */
    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /**
     * A case-insensitive "contains" pattern for {@code ILIKE ... ESCAPE '\'}: the user's text is
     * matched literally, so {@code %} or {@code _} in a search cannot widen it to every row.
     */
    public static String containsPattern(String text) {
        StringBuilder pattern = new StringBuilder(text.length() + 2).append('%');
        for (char c : text.toCharArray()) {
            if (c == '\\' || c == '%' || c == '_') {
                pattern.append('\\');
            }
            pattern.append(c);
        }
        return pattern.append('%').toString();
    }
}
