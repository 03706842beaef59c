package dev.tenantcore.query.support;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * One page of a list, with the opaque cursor of the next page (null on the last page).
 *
 * <p>Lists are keyset-paginated over {@code (created_at, id)}, or over another column and id when
 * the list is {@linkplain Query#orderBy ordered by it}: stable while rows are added (no row is
 * skipped or shown twice, as with offsets), and served by {@code (tenant_id, column, id)} indexes.
 * One row more than asked is read to tell whether another page exists, without a count query.
 */
public record KeysetPage<T>(List<T> items, String nextCursor) {

    public KeysetPage {
        items = List.copyOf(items);
    }

    /** Starts a list query: {@code select} is {@code SELECT columns FROM table}, with no WHERE. */
    public static <T> Query<T> select(String select, RowMapper<T> rows) {
        return new Query<>(select, rows);
    }

    /** Builds the filters of a list query, then reads one page of it. */
    public static final class Query<T> {

        private final String select;
        private final RowMapper<T> rows;
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> args = new ArrayList<>();
        private boolean newestFirst;
        private PageOrder<T> order;

        private Query(String select, RowMapper<T> rows) {
            this.select = select;
            this.rows = rows;
        }

        /** Adds a condition; {@code condition} is a constant of the caller, values are bound. */
        public Query<T> where(String condition, Object... values) {
            conditions.add(condition);
            for (Object value : values) {
                args.add(VersionedRows.parameter(value));
            }
            return this;
        }

        /** Adds a condition on {@code value} only when the client gave one. */
        public <V> Query<T> whereGiven(String condition, V value, Function<V, Object> parameter) {
            return value == null ? this : where(condition, parameter.apply(value));
        }

        /** Adds a condition on {@code value} only when the client gave one. */
        public Query<T> whereGiven(String condition, Object value) {
            return value == null ? this : where(condition, value);
        }

        /** Newest rows first; oldest first otherwise. */
        public Query<T> newestFirst() {
            this.newestFirst = true;
            return this;
        }

        /**
         * Orders the pages by {@code order} instead of creation; the cursors it hands out name that
         * order, and a cursor of another order is refused.
         */
        public Query<T> orderBy(PageOrder<T> order) {
            this.order = order;
            return this;
        }

        /** The one row the filters select (they name a key), or null when there is none. */
        public T one(JdbcTemplate jdbc) {
            return jdbc.query(select + where(conditions), rows, args.toArray()).stream()
                    .findFirst()
                    .orElse(null);
        }

        /** Every row the filters select, in the order of the pages: for lists that are never long. */
        public List<T> all(JdbcTemplate jdbc) {
            return jdbc.query(select + where(conditions) + orderBy(), rows, args.toArray());
        }

        /** How many rows the filters select, over all pages. */
        public long count(JdbcTemplate jdbc) {
            Long count = jdbc.queryForObject(
                    "SELECT count(*) FROM (" + select + where(conditions) + ") AS selected",
                    Long.class,
                    args.toArray());
            return count == null ? 0 : count;
        }

        /**
         * Reads the page after {@code cursor} (the first page when there is none).
         *
         * @param requestedLimit the client's page size, capped by {@link PageSize}
         * @param cursor the client's cursor; a forged or damaged one is refused by {@link PageCursor#decode}
         * @param position the ordering key of a row, from which the next cursor is made (in creation
         *     order; an {@linkplain #orderBy order} makes its own)
         */
        public KeysetPage<T> page(
                JdbcTemplate jdbc, int requestedLimit, String cursor, Function<T, PageCursor> position) {
            int limit = PageSize.of(requestedLimit);
            List<String> where = new ArrayList<>(conditions);
            List<Object> values = new ArrayList<>(args);
            if (order != null) {
                OrderedCursor after = OrderedCursor.decode(cursor, order);
                if (after != null) {
                    where.add("(" + order.column() + ", id) " + (order.descending() ? "<" : ">") + " (?, ?)");
                    values.add(order.type().bind(after.value()));
                    values.add(after.id());
                }
            } else {
                PageCursor after = PageCursor.decode(cursor);
                if (after != null) {
                    where.add(newestFirst ? "(created_at, id) < (?, ?)" : "(created_at, id) > (?, ?)");
                    values.add(Sql.timestamp(after.createdAt()));
                    values.add(after.id());
                }
            }
            String sql = select + where(where) + orderBy() + " LIMIT ?";
            values.add(limit + 1);
            List<T> found = jdbc.query(sql, rows, values.toArray());
            if (found.size() <= limit) {
                return new KeysetPage<>(found, null);
            }
            List<T> page = found.subList(0, limit);
            T last = page.get(limit - 1);
            String next = order == null
                    ? position.apply(last).encode()
                    : new OrderedCursor(
                                    order.name(),
                                    order.value().apply(last),
                                    order.id().apply(last))
                            .encode();
            return new KeysetPage<>(page, next);
        }

        private static String where(List<String> conditions) {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }

        private String orderBy() {
            if (order != null) {
                String direction = order.descending() ? " DESC" : "";
                return " ORDER BY " + order.column() + direction + ", id" + direction;
            }
            String direction = newestFirst ? " DESC" : "";
            return " ORDER BY created_at" + direction + ", id" + direction;
        }
    }
}
