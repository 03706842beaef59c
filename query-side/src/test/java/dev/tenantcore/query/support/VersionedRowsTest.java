package dev.tenantcore.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Versioned rows")
class VersionedRowsTest {

    private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");

    private final ProjectionFixture db = ProjectionFixture.database();
    private final ReadModel rows = db.store();
    private final TenantId tenant = ProjectionFixture.newTenant();
    private final UUID id = UUID.randomUUID();

    private boolean create(TenantId owner, String name, long sequence) {
        return db.as(
                owner,
                () -> rows.insert("categories", owner)
                        .value("id", id)
                        .value("name", name)
                        .value("slug", "slug")
                        .value("parent_id", null)
                        .value("position", 0)
                        .value("active", true)
                        .apply(sequence, AT));
    }

    private boolean rename(TenantId owner, String name, long sequence) {
        return db.as(
                owner, () -> rows.update("categories", id).set("name", name).apply(sequence, AT.plusSeconds(sequence)));
    }

    private Map<String, Object> row(TenantId owner) {
        List<Map<String, Object>> found = db.rows(owner, "categories");
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Nested
    @DisplayName("apply an event only when it is newer than the row")
    class VersionGuard {

        @Test
        @DisplayName("a newer event changes the row and becomes its version")
        void newerApplies() {
            create(tenant, "First", 0);

            assertThat(rename(tenant, "Second", 2)).isTrue();

            assertThat(row(tenant))
                    .containsEntry("name", "Second")
                    .containsEntry("version", 2L)
                    .containsEntry("updated_at", Timestamp.from(AT.plusSeconds(2)));
        }

        /** What arrives again after the row was created (event 0) and renamed (event 2). */
        enum Redelivery {
            SAME_EVENT_AGAIN,
            OLDER_EVENT_LATE,
            CREATION_AGAIN
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Redelivery.class)
        @DisplayName("the same event again, an older one arriving late, or the creation again changes nothing")
        void olderOrSameIsIgnored(Redelivery redelivery) {
            create(tenant, "First", 0);
            rename(tenant, "Second", 2);
            Map<String, Object> before = row(tenant);

            boolean changed = switch (redelivery) {
                case SAME_EVENT_AGAIN -> rename(tenant, "Second", 2);
                case OLDER_EVENT_LATE -> rename(tenant, "Late", 1);
                // A redelivered creation must not undo the changes that followed it.
                case CREATION_AGAIN -> create(tenant, "First", 0);
            };

            assertThat(changed).isFalse();
            assertThat(row(tenant)).isEqualTo(before);
        }

        @Test
        @DisplayName("a change to a row that does not exist reports no change")
        void missingRow() {
            assertThat(rename(tenant, "Nobody", 5)).isFalse();
            assertThat(db.rows(tenant, "categories")).isEmpty();
        }
    }

    @Nested
    @DisplayName("tell the projection of each write of its table")
    class Announced {

        private final List<String> heard = new ArrayList<>();
        private final ReadTable<UUID> categories =
                rows.table("categories", key -> key, (key, changed) -> heard.add(key + " " + changed));

        @Test
        @DisplayName("with whether it changed the row, so that a redelivered event is not announced as new")
        void eachWriteWithWhetherItChanged() {
            db.as(
                    tenant,
                    () -> categories
                            .insert(tenant, id)
                            .value("name", "First")
                            .value("slug", "first")
                            .value("position", 0)
                            .value("active", true)
                            .apply(0, AT));
            boolean renamed = db.as(tenant, () -> categories.set(id, "name", "Second", 1, AT));
            boolean again = db.as(tenant, () -> categories.set(id, "name", "Second", 1, AT));

            assertThat(renamed).isTrue();
            assertThat(again).isFalse();
            assertThat(heard).containsExactly(id + " true", id + " true", id + " false");
            assertThat(row(tenant)).containsEntry("name", "Second").containsEntry("version", 1L);
        }
    }

    @Nested
    @DisplayName("keep tenants apart")
    class Tenants {

        @Test
        @DisplayName("another tenant's event for the same id touches only its own row")
        void sameIdOtherTenant() {
            TenantId attacker = ProjectionFixture.newTenant();
            create(tenant, "Mine", 0);
            Map<String, Object> before = row(tenant);

            assertThat(rename(attacker, "Stolen", 9)).isFalse();
            assertThat(create(attacker, "Theirs", 0)).isTrue();

            assertThat(row(tenant)).isEqualTo(before);
            assertThat(row(attacker)).containsEntry("name", "Theirs").containsEntry("tenant_id", attacker.value());
        }
    }

    @Nested
    @DisplayName("store JSON columns")
    class Json {

        @Test
        @DisplayName("a value reads back as it was written, and null stays null")
        void roundTrip() {
            JsonColumns json = db.store().json();
            String written = json.write(Map.of("size", "42"));
            Map<String, String> read = db.jdbc()
                    .queryForObject(
                            "SELECT CAST(? AS jsonb) AS v",
                            (rs, n) -> json.read(
                                    rs,
                                    "v",
                                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {}),
                            written);
            assertThat(read).containsExactly(Map.entry("size", "42"));
            Object nothing = db.jdbc()
                    .queryForObject(
                            "SELECT CAST(? AS jsonb) AS v", (rs, n) -> json.read(rs, "v", Map.class), json.write(null));
            assertThat(nothing).isNull();
        }
    }
}
