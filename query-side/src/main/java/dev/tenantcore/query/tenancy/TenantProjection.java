package dev.tenantcore.query.tenancy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.tenancy.FindTenantQuery;
import dev.tenantcore.api.tenancy.ListTenantsQuery;
import dev.tenantcore.api.tenancy.TenantDomainActivatedEvent;
import dev.tenantcore.api.tenancy.TenantDomainAddedEvent;
import dev.tenantcore.api.tenancy.TenantDomainDeactivatedEvent;
import dev.tenantcore.api.tenancy.TenantDomainRemovedEvent;
import dev.tenantcore.api.tenancy.TenantDomainResponse;
import dev.tenantcore.api.tenancy.TenantModule;
import dev.tenantcore.api.tenancy.TenantModuleDisabledEvent;
import dev.tenantcore.api.tenancy.TenantModuleEnabledEvent;
import dev.tenantcore.api.tenancy.TenantPage;
import dev.tenantcore.api.tenancy.TenantPrimaryDomainChangedEvent;
import dev.tenantcore.api.tenancy.TenantReactivatedEvent;
import dev.tenantcore.api.tenancy.TenantRegisteredEvent;
import dev.tenantcore.api.tenancy.TenantResponse;
import dev.tenantcore.api.tenancy.TenantStatus;
import dev.tenantcore.api.tenancy.TenantSuspendedEvent;
import dev.tenantcore.infra.tenancy.TenantDirectory;
import dev.tenantcore.query.support.PageCursor;
import dev.tenantcore.query.support.PageSize;
import dev.tenantcore.query.support.Sql;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code platform_tenants} in step with the tenant aggregates and answers the platform's
 * tenant queries.
 *
 * <p>Idempotent: a row's {@code version} is the sequence number of the last event applied to it,
 * and an event whose sequence number is not newer changes nothing, so a redelivered or replayed
 * event leaves the same row. Every change also sends {@code NOTIFY tenant_directory} in the same
 * transaction: PostgreSQL delivers it only on commit, so no node reloads its tenant directory
 * before the change is visible, and none misses it.
 */
@Component
@ProcessingGroup("tenants")
class TenantProjection {

    private static final Logger log = LoggerFactory.getLogger(TenantProjection.class);
    private static final TypeReference<List<TenantDomainResponse>> DOMAIN_LIST = new TypeReference<>() {};
    private static final String COLUMNS = "id, name, slug, status, modules, domains, version, created_at";
    private static final String ANNOUNCE = "SELECT pg_notify('" + TenantDirectory.CHANNEL + "', '')";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    TenantProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(TenantRegisteredEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        TenantState state =
                new TenantState(TenantStatus.ACTIVE, event.modules() == null ? Set.of() : event.modules(), List.of());
        // DO NOTHING rather than an update: a replayed registration must not undo later changes.
        int inserted = jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("""
                    INSERT INTO platform_tenants
                        (id, name, slug, status, modules, domains, active_domains, version, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?)
                    ON CONFLICT (id) DO NOTHING
                    """);
            ps.setObject(1, event.tenantId().value());
            ps.setString(2, event.name());
            ps.setString(3, event.slug());
            ps.setString(4, state.status().wireName());
            ps.setArray(5, con.createArrayOf("text", state.moduleWireNames()));
            ps.setString(6, domainsJson(state));
            ps.setArray(7, con.createArrayOf("text", state.activeDomains()));
            ps.setLong(8, sequence);
            ps.setObject(9, Sql.timestamp(at));
            ps.setObject(10, Sql.timestamp(at));
            return ps;
        });
        if (inserted > 0) {
            announce();
        }
    }

    @EventHandler
    void on(TenantDomainAddedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.tenantId(), sequence, at, s -> s.withDomainAdded(normalize(event.domain())));
    }

    @EventHandler
    void on(TenantDomainRemovedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.tenantId(), sequence, at, s -> s.withDomainRemoved(normalize(event.domain())));
    }

    @EventHandler
    void on(TenantPrimaryDomainChangedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.tenantId(), sequence, at, s -> s.withPrimary(normalize(event.domain())));
    }

    @EventHandler
    void on(TenantDomainActivatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.tenantId(), sequence, at, s -> s.withDomainActive(normalize(event.domain()), true));
    }

    @EventHandler
    void on(TenantDomainDeactivatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.tenantId(), sequence, at, s -> s.withDomainActive(normalize(event.domain()), false));
    }

    @EventHandler
    void on(TenantModuleEnabledEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.tenantId(), sequence, at, s -> s.withModule(event.module(), true));
    }

    @EventHandler
    void on(TenantModuleDisabledEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.tenantId(), sequence, at, s -> s.withModule(event.module(), false));
    }

    @EventHandler
    void on(TenantSuspendedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.tenantId(), sequence, at, s -> s.withStatus(TenantStatus.SUSPENDED));
    }

    @EventHandler
    void on(TenantReactivatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.tenantId(), sequence, at, s -> s.withStatus(TenantStatus.ACTIVE));
    }

    /**
     * No announcement here: nodes keep serving from their cached directory while the replay
     * rebuilds the rows, and each replayed event announces its own change.
     */
    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM platform_tenants");
    }

    @QueryHandler
    TenantResponse handle(FindTenantQuery query) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM platform_tenants WHERE id = ?",
                        this::toResponse,
                        query.tenantId().value())
                .stream()
                .findFirst()
                .orElse(null);
    }

    @QueryHandler
    TenantPage handle(ListTenantsQuery query) {
        int limit = PageSize.of(query.limit());
        PageCursor after = PageCursor.decode(query.cursor());
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM platform_tenants WHERE TRUE");
        List<Object> args = new ArrayList<>();
        if (query.status() != null) {
            sql.append(" AND status = ?");
            args.add(query.status().wireName());
        }
        if (after != null) {
            sql.append(" AND (created_at, id) > (?, ?)");
            args.add(Sql.timestamp(after.createdAt()));
            args.add(after.id());
        }
        // One row more than asked tells whether another page exists without a count query.
        sql.append(" ORDER BY created_at, id LIMIT ?");
        args.add(limit + 1);
        List<TenantResponse> rows = jdbc.query(sql.toString(), this::toResponse, args.toArray());
        if (rows.size() <= limit) {
            return new TenantPage(rows, null);
        }
        List<TenantResponse> page = List.copyOf(rows.subList(0, limit));
        TenantResponse last = page.get(limit - 1);
        return new TenantPage(page, new PageCursor(last.createdAt(), last.id().value()).encode());
    }

    private void change(TenantId tenantId, long sequence, Instant at, UnaryOperator<TenantState> change) {
        List<Versioned> rows = jdbc.query(
                "SELECT status, modules, domains, version FROM platform_tenants WHERE id = ?",
                (rs, n) -> new Versioned(readState(rs), rs.getLong("version")),
                tenantId.value());
        if (rows.isEmpty()) {
            log.warn("tenant {} has no row to apply event #{} to; was its registration lost?", tenantId, sequence);
            return;
        }
        if (rows.get(0).version() >= sequence) {
            return;
        }
        TenantState next = change.apply(rows.get(0).state());
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("""
                    UPDATE platform_tenants
                       SET status = ?, modules = ?, domains = CAST(? AS jsonb), active_domains = ?,
                           version = ?, updated_at = ?
                     WHERE id = ? AND version < ?
                    """);
            ps.setString(1, next.status().wireName());
            ps.setArray(2, con.createArrayOf("text", next.moduleWireNames()));
            ps.setString(3, domainsJson(next));
            ps.setArray(4, con.createArrayOf("text", next.activeDomains()));
            ps.setLong(5, sequence);
            ps.setObject(6, Sql.timestamp(at));
            ps.setObject(7, tenantId.value());
            ps.setLong(8, sequence);
            return ps;
        });
        announce();
    }

    private void announce() {
        jdbc.execute(ANNOUNCE);
    }

    /** Host names are case-insensitive; the directory looks them up in lower case. */
    private static String normalize(String domain) {
        return domain == null ? null : domain.trim().toLowerCase(Locale.ROOT);
    }

    private String domainsJson(TenantState state) {
        try {
            return json.writeValueAsString(state.domains());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write tenant domains", e);
        }
    }

    private TenantState readState(ResultSet rs) throws SQLException {
        Set<TenantModule> modules = EnumSet.noneOf(TenantModule.class);
        Array array = rs.getArray("modules");
        if (array != null) {
            for (String module : (String[]) array.getArray()) {
                modules.add(TenantModule.fromWireName(module));
            }
        }
        List<TenantDomainResponse> domains;
        try {
            domains = json.readValue(rs.getString("domains"), DOMAIN_LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read tenant domains", e);
        }
        return new TenantState(TenantStatus.fromWireName(rs.getString("status")), modules, domains);
    }

    private TenantResponse toResponse(ResultSet rs, int row) throws SQLException {
        TenantState state = readState(rs);
        return new TenantResponse(
                new TenantId(rs.getObject("id", UUID.class)),
                rs.getString("name"),
                rs.getString("slug"),
                state.status(),
                state.modules(),
                state.domains(),
                rs.getLong("version"),
                Sql.instant(rs, "created_at"));
    }

    private record Versioned(TenantState state, long version) {}
}
