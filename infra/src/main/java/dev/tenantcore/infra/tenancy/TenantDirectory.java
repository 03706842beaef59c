package dev.tenantcore.infra.tenancy;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.tenancy.TenantModule;
import dev.tenantcore.api.tenancy.TenantStatus;
import dev.tenantcore.infra.persistence.PgNotifications;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every tenant and its active domains, held in memory so that resolving a request's tenant never
 * touches the database. Reloaded when the tenant projection announces a change on the
 * {@value #CHANNEL} channel (on every node), and every minute as a safety net.
 */
@Component
public class TenantDirectory {

    public static final String CHANNEL = "tenant_directory";
    private static final Logger log = LoggerFactory.getLogger(TenantDirectory.class);

    private final JdbcTemplate jdbc;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of());

    TenantDirectory(JdbcTemplate jdbc, PgNotifications notifications) {
        this.jdbc = jdbc;
        notifications.subscribe(CHANNEL, payload -> reload());
    }

    public Optional<TenantEntry> byDomain(String domain) {
        return domain == null
                ? Optional.empty()
                : Optional.ofNullable(snapshot.byDomain().get(domain.toLowerCase(Locale.ROOT)));
    }

    public Optional<TenantEntry> byId(TenantId id) {
        return Optional.ofNullable(snapshot.byId().get(id));
    }

    /** Whether a browser origin's host belongs to an active domain of an active tenant. */
    /** Every registered tenant, as of the last reload. */
    public Set<TenantId> tenantIds() {
        return snapshot.byId().keySet();
    }

    public boolean isActiveDomain(String domain) {
        return byDomain(domain).isPresent();
    }

    @EventListener(ApplicationStartedEvent.class)
    void loadBeforeServing() {
        reload();
    }

    @Scheduled(
            fixedDelayString = "${app.tenancy.directory-refresh:PT60S}",
            initialDelayString = "${app.tenancy.directory-refresh:PT60S}")
    public synchronized void reload() {
        Map<String, TenantEntry> byDomain = new HashMap<>();
        Map<TenantId, TenantEntry> byId = new HashMap<>();
        try {
            jdbc.query("""
                    SELECT id, slug, status, modules, active_domains FROM platform_tenants
                    """, rs -> {
                TenantEntry entry = read(rs);
                byId.put(entry.id(), entry);
                // A closed tenant's old domains answer tenant_closed only until a live tenant takes them.
                entry.activeDomains()
                        .forEach(d -> byDomain.merge(d, entry, (held, other) -> held.closed() ? other : held));
            });
            snapshot = new Snapshot(Map.copyOf(byDomain), Map.copyOf(byId));
        } catch (RuntimeException e) {
            log.warn("tenant directory reload failed; keeping the previous snapshot", e);
        }
    }

    private static TenantEntry read(ResultSet rs) throws SQLException {
        Set<TenantModule> modules = EnumSet.noneOf(TenantModule.class);
        for (String m : strings(rs.getArray("modules"))) {
            modules.add(TenantModule.fromWireName(m));
        }
        return new TenantEntry(
                new TenantId(rs.getObject("id", UUID.class)),
                rs.getString("slug"),
                TenantStatus.fromWireName(rs.getString("status")),
                modules,
                new HashSet<>(Arrays.asList(strings(rs.getArray("active_domains")))));
    }

    private static String[] strings(Array array) throws SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }

    private record Snapshot(Map<String, TenantEntry> byDomain, Map<TenantId, TenantEntry> byId) {}
}
