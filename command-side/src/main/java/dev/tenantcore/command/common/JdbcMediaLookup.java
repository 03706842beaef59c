package dev.tenantcore.command.common;

import dev.tenantcore.api.media.MediaId;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link MediaLookup} in the row-level-secured {@code media_files}: the tenant is the command's,
 * set on the transaction, so another tenant's rows are neither seen nor written.
 */
@Component
class JdbcMediaLookup implements MediaLookup {

    private final JdbcTemplate jdbc;

    JdbcMediaLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void stored(MediaId media, String contentType) {
        jdbc.update(
                "INSERT INTO media_files (tenant_id, media_id, content_type) VALUES (app_current_tenant(), ?, ?)"
                        + " ON CONFLICT (tenant_id, media_id) DO UPDATE SET content_type = EXCLUDED.content_type",
                media.value(),
                contentType);
    }

    @Override
    public void deleted(MediaId media) {
        jdbc.update("DELETE FROM media_files WHERE tenant_id = app_current_tenant() AND media_id = ?", media.value());
    }

    @Override
    public Optional<String> contentType(MediaId media) {
        return jdbc
                .queryForList(
                        "SELECT content_type FROM media_files WHERE tenant_id = app_current_tenant() AND media_id = ?",
                        String.class,
                        media.value())
                .stream()
                .findFirst();
    }
}
