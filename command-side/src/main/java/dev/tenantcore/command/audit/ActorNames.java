package dev.tenantcore.command.audit;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Display names of the tenant's accounts as they are now, from the command side's own {@code
 * user_credentials} (row-level secured: only the caller's tenant's accounts). Called inside a
 * transaction bound to the tenant.
 */
@Component
class ActorNames {

    private final JdbcTemplate jdbc;

    ActorNames(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The accounts among {@code ids} that exist, with their display names (null when they set none). */
    Map<UUID, String> of(Collection<UUID> ids) {
        Map<UUID, String> names = new HashMap<>();
        if (ids.isEmpty()) {
            return names;
        }
        jdbc.query(
                "SELECT user_id, display_name FROM user_credentials WHERE user_id = ANY (?)",
                rs -> {
                    names.put(rs.getObject(1, UUID.class), rs.getString(2));
                },
                (Object) ids.toArray(UUID[]::new));
        return names;
    }
}
