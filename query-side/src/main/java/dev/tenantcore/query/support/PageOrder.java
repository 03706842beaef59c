package dev.tenantcore.query.support;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * An order of a list other than creation: by {@code column}, then by id, so that every row has one
 * position and a cursor names it exactly. The column must be NOT NULL (a NULL has no place in a row
 * comparison) and should lead a {@code (tenant_id, column, id)} index.
 *
 * @param name the order's name in its cursors, e.g. {@code -name}: a cursor of another order is refused
 * @param column the ordering column, a constant of the caller
 * @param type the column's type, which reads the cursor's value back
 * @param descending largest first
 * @param value the row's value of the column, as text that {@code type} reads back exactly
 * @param id the row's id
 */
public record PageOrder<T>(
        String name, String column, Type type, boolean descending, Function<T, String> value, Function<T, UUID> id) {

    public PageOrder {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(id, "id");
    }

    /** The column types an order may use, each binding a cursor's value or refusing a forged one. */
    public enum Type {
        /** Compared in the column's collation; the value is the text itself. */
        TEXT {
            @Override
            Object bind(String value) {
                // PostgreSQL text cannot hold NUL: a forged cursor carrying one would fail in the driver.
                if (value.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("NUL in a text value");
                }
                return value;
            }
        },
        /** A {@code timestamptz}; the value is an instant's ISO-8601 text, which keeps microseconds. */
        TIMESTAMP {
            @Override
            Object bind(String value) {
                return Sql.timestamp(Instant.parse(value));
            }
        };

        /** The parameter to bind for {@code value}; IllegalArgumentException when it is not one. */
        abstract Object bind(String value);
    }
}
