package dev.tenantcore.command.crm;

import dev.tenantcore.api.crm.CustomFieldId;
import dev.tenantcore.api.crm.CustomFieldType;
import java.sql.Array;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link CustomFieldDefinitions} in the row-level-secured {@code contact_field_definitions}. */
@Component
class JdbcCustomFieldDefinitions implements CustomFieldDefinitions {

    private final JdbcTemplate jdbc;

    JdbcCustomFieldDefinitions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Definition> all() {
        return jdbc.query(
                "SELECT id, key, type, options, required, is_unique FROM contact_field_definitions ORDER BY key",
                (rs, row) -> {
                    Array options = rs.getArray("options");
                    return new Definition(
                            new CustomFieldId(rs.getObject("id", UUID.class)),
                            rs.getString("key"),
                            CustomFieldType.fromWireName(rs.getString("type")),
                            options == null ? List.of() : Arrays.asList((String[]) options.getArray()),
                            rs.getBoolean("required"),
                            rs.getBoolean("is_unique"));
                });
    }

    @Override
    public void defined(Definition definition) {
        jdbc.update(
                """
                INSERT INTO contact_field_definitions (tenant_id, id, key, type, options, required, is_unique)
                VALUES (app_current_tenant(), ?, ?, ?, ?, ?, ?)
                """,
                definition.id().value(),
                definition.key(),
                definition.type().wireName(),
                definition.options().toArray(String[]::new),
                definition.required(),
                definition.unique());
    }

    @Override
    public void renamed(CustomFieldId id, String key) {
        jdbc.update("UPDATE contact_field_definitions SET key = ? WHERE id = ?", key, id.value());
    }

    @Override
    public void removed(CustomFieldId id) {
        jdbc.update("DELETE FROM contact_field_definitions WHERE id = ?", id.value());
    }
}
