package dev.tenantcore.command.common;

import dev.tenantcore.api.media.MediaEntityType;
import dev.tenantcore.api.media.MediaId;
import java.util.Optional;
import java.util.UUID;
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

    @Override
    public boolean show(Referrer referrer, MediaId media) {
        if (media == null) {
            jdbc.update(
                    "DELETE FROM media_references WHERE tenant_id = app_current_tenant()"
                            + " AND referrer_kind = ? AND referrer_id = ?",
                    referrer.kind().wireName(),
                    referrer.id());
            return true;
        }
        // FOR KEY SHARE waits for a deletion that holds the row, and then finds it gone.
        boolean known = !jdbc.queryForList(
                        "SELECT 1 FROM media_files WHERE tenant_id = app_current_tenant() AND media_id = ? FOR KEY SHARE",
                        Integer.class,
                        media.value())
                .isEmpty();
        if (known) {
            jdbc.update(
                    "INSERT INTO media_references (tenant_id, referrer_kind, referrer_id, media_id)"
                            + " VALUES (app_current_tenant(), ?, ?, ?)"
                            + " ON CONFLICT (tenant_id, referrer_kind, referrer_id) DO UPDATE SET media_id = EXCLUDED.media_id",
                    referrer.kind().wireName(),
                    referrer.id(),
                    media.value());
        }
        return known;
    }

    @Override
    public Optional<Referrer> usedBy(MediaId media) {
        // FOR UPDATE first: a reference being set now is either committed (and seen below) or waits.
        jdbc.queryForList(
                "SELECT 1 FROM media_files WHERE tenant_id = app_current_tenant() AND media_id = ? FOR UPDATE",
                Integer.class,
                media.value());
        return jdbc
                .query(
                        "SELECT referrer_kind, referrer_id FROM media_references"
                                + " WHERE tenant_id = app_current_tenant() AND media_id = ?"
                                + " ORDER BY referrer_kind, referrer_id LIMIT 1",
                        (rs, n) -> new Referrer(
                                MediaEntityType.fromWireName(rs.getString("referrer_kind")),
                                rs.getObject("referrer_id", UUID.class)),
                        media.value())
                .stream()
                .findFirst();
    }
}
