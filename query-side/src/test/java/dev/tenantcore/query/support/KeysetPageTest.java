package dev.tenantcore.query.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Keyset pages")
class KeysetPageTest {

    private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");

    private final ProjectionFixture db = ProjectionFixture.database();
    private final TenantId tenant = ProjectionFixture.newTenant();

    private record Row(UUID id, Instant createdAt) {}

    /** Rows created at the given instants (several may share one: the id breaks the tie). */
    private List<Row> rowsCreatedAt(Instant... instants) {
        List<Row> created = new ArrayList<>();
        for (Instant at : instants) {
            UUID id = UUID.randomUUID();
            db.as(
                    tenant,
                    () -> db.store()
                            .insert("categories", tenant)
                            .value("id", id)
                            .value("name", "c")
                            .value("slug", "c")
                            .value("position", 0)
                            .value("active", true)
                            .apply(0, at));
            created.add(new Row(id, at));
        }
        return created;
    }

    private static KeysetPage.Query<Row> select() {
        return KeysetPage.select(
                "SELECT id, created_at FROM categories",
                (rs, n) -> new Row(rs.getObject("id", UUID.class), Sql.instant(rs, "created_at")));
    }

    private KeysetPage<Row> page(int limit, String cursor, boolean newestFirst) {
        KeysetPage.Query<Row> query = select();
        if (newestFirst) {
            query.newestFirst();
        }
        return db.as(tenant, () -> query.page(db.jdbc(), limit, cursor, r -> new PageCursor(r.createdAt(), r.id())));
    }

    private List<Row> walk(int limit, boolean newestFirst) {
        List<Row> seen = new ArrayList<>();
        String cursor = null;
        do {
            KeysetPage<Row> page = page(limit, cursor, newestFirst);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
            seen.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return seen;
    }

    @Test
    @DisplayName("a list of exactly one page has no next cursor")
    void exactlyOnePage() {
        rowsCreatedAt(AT, AT.plusSeconds(1), AT.plusSeconds(2));

        KeysetPage<Row> page = page(3, null, false);

        assertThat(page.items()).hasSize(3);
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    @DisplayName("one row more than the limit gives a cursor to a last page of one row")
    void oneMore() {
        List<Row> rows = rowsCreatedAt(AT, AT.plusSeconds(1), AT.plusSeconds(2), AT.plusSeconds(3));

        KeysetPage<Row> first = page(3, null, false);
        KeysetPage<Row> last = page(3, first.nextCursor(), false);

        assertThat(first.items()).containsExactlyElementsOf(rows.subList(0, 3));
        assertThat(first.nextCursor()).isNotNull();
        assertThat(last.items()).containsExactly(rows.get(3));
        assertThat(last.nextCursor()).isNull();
    }

    @Test
    @DisplayName("walking the pages meets every row once, in order, through rows created at the same instant")
    void walkThroughTies() {
        List<Row> rows = rowsCreatedAt(AT, AT.plusSeconds(1), AT.plusSeconds(1), AT.plusSeconds(1), AT.plusSeconds(2));
        // PostgreSQL orders uuids by their bytes, as their text sorts; Java's UUID compares signed longs.
        Comparator<Row> order = Comparator.comparing(Row::createdAt).thenComparing(r -> r.id().toString());
        List<Row> oldestFirst = rows.stream().sorted(order).toList();

        assertThat(walk(2, false)).containsExactlyElementsOf(oldestFirst);
        assertThat(walk(2, true))
                .containsExactlyElementsOf(
                        rows.stream().sorted(order.reversed()).toList());
    }

    @Test
    @DisplayName("without pages, a query answers the one row its filters name, or every row in page order")
    void withoutPages() {
        List<Row> rows = rowsCreatedAt(AT, AT.plusSeconds(1), AT.plusSeconds(2));
        KeysetPage.Query<Row> newest = select().newestFirst();

        assertThat(db.as(
                        tenant, () -> select().where("id = ?", rows.get(1).id()).one(db.jdbc())))
                .isEqualTo(rows.get(1));
        assertThat(db.as(
                        tenant,
                        () -> select().where("id = ?", UUID.randomUUID()).one(db.jdbc())))
                .isNull();
        assertThat(db.as(tenant, () -> newest.all(db.jdbc()))).containsExactly(rows.get(2), rows.get(1), rows.get(0));
    }

    @Test
    @DisplayName("an empty list is one empty page")
    void empty() {
        KeysetPage<Row> page = page(5, null, false);
        assertThat(page.items()).isEmpty();
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    @DisplayName("the page size falls back to the default and is capped")
    void pageSize() {
        assertThat(PageSize.of(0)).isEqualTo(PageSize.DEFAULT);
        assertThat(PageSize.of(-3)).isEqualTo(PageSize.DEFAULT);
        assertThat(PageSize.of(PageSize.MAX + 1)).isEqualTo(PageSize.MAX);
        rowsCreatedAt(AT);
        assertThat(page(1_000_000, null, false).items()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"not a cursor", "bm8tc2VwYXJhdG9y", "MjAyNi0wMy0wMVQxMjowMDowMFp8bm90LWEtdXVpZA", "fHw"})
    @DisplayName("a forged or damaged cursor is refused as a validation error")
    void tamperedCursor(String cursor) {
        assertThatThrownBy(() -> page(2, cursor, false))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    @DisplayName("an overlong cursor is refused before it is decoded, and a genuine one reads back")
    void overlongCursor() {
        UUID id = UUID.randomUUID();
        String overlong = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((AT + "|" + id + " ".repeat(200)).getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> PageCursor.decode(overlong))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        assertThat(PageCursor.decode(new PageCursor(AT, id).encode())).isEqualTo(new PageCursor(AT, id));
    }
}
