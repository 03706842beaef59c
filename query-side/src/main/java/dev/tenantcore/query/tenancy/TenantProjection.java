package dev.tenantcore.query.tenancy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.tenancy.FindTenantBySlugQuery;
import dev.tenantcore.api.tenancy.FindTenantDomainsQuery;
import dev.tenantcore.api.tenancy.FindTenantQuery;
import dev.tenantcore.api.tenancy.FindTenantSettingsQuery;
import dev.tenantcore.api.tenancy.ListTenantsQuery;
import dev.tenantcore.api.tenancy.TenantClosedEvent;
import dev.tenantcore.api.tenancy.TenantDomainActivatedEvent;
import dev.tenantcore.api.tenancy.TenantDomainAddedEvent;
import dev.tenantcore.api.tenancy.TenantDomainDeactivatedEvent;
import dev.tenantcore.api.tenancy.TenantDomainList;
import dev.tenantcore.api.tenancy.TenantDomainRemovedEvent;
import dev.tenantcore.api.tenancy.TenantDomainResponse;
import dev.tenantcore.api.tenancy.TenantDomainVerifiedEvent;
import dev.tenantcore.api.tenancy.TenantModule;
import dev.tenantcore.api.tenancy.TenantModuleDisabledEvent;
import dev.tenantcore.api.tenancy.TenantModuleEnabledEvent;
import dev.tenantcore.api.tenancy.TenantPage;
import dev.tenantcore.api.tenancy.TenantPrimaryDomainChangedEvent;
import dev.tenantcore.api.tenancy.TenantReactivatedEvent;
import dev.tenantcore.api.tenancy.TenantRegisteredEvent;
import dev.tenantcore.api.tenancy.TenantRenamedEvent;
import dev.tenantcore.api.tenancy.TenantResponse;
import dev.tenantcore.api.tenancy.TenantSettings;
import dev.tenantcore.api.tenancy.TenantSettingsChangedEvent;
import dev.tenantcore.api.tenancy.TenantSettingsResponse;
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
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code platform_tenants} in step with the tenant aggregates and answers the tenant
 * queries of the platform, of a tenant's own staff and of its public storefront.
 *
 * <p>Idempotent: a row's {@code version} is the sequence number of the last event applied to it,
 * and an event whose sequence number is not newer changes nothing, so a redelivered or replayed
 * event leaves the same row. Every change also sends {@code NOTIFY tenant_directory} in the same
 * transaction: PostgreSQL delivers it only on commit, so no node reloads its tenant directory
 * before the change is visible, and none misses it. Subscription queries waiting for a tenant,
 * its domains or its settings (a command answered with {@code Prefer: return=representation})
 * receive the new row once the transaction commits.
 */
@Component
@ProcessingGroup("tenants")
class TenantProjection {

    private static final Logger log = LoggerFactory.getLogger(TenantProjection.class);
    private static final TypeReference<List<TenantDomainResponse>> DOMAIN_LIST = new TypeReference<>() {};
    private static final String COLUMNS = "id, name, slug, status, modules, domains, settings, version, created_at";
    private static final String ANNOUNCE = "SELECT pg_notify('" + TenantDirectory.CHANNEL + "', '')";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final QueryUpdateEmitter emitter;

    TenantProjection(JdbcTemplate jdbc, ObjectMapper json, QueryUpdateEmitter emitter) {
        this.jdbc = jdbc;
        this.json = json;
        this.emitter = emitter;
    }

    @EventHandler
    void on(TenantRegisteredEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        TenantState state = new TenantState(
                event.name(),
                TenantStatus.ACTIVE,
                event.modules() == null ? Set.of() : event.modules(),
                List.of(),
                null);
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
            ps.setString(6, toJson(state.domains()));
            ps.setArray(7, con.createArrayOf("text", state.activeDomains()));
            ps.setLong(8, sequence);
            ps.setObject(9, Sql.timestamp(at));
            ps.setObject(10, Sql.timestamp(at));
            return ps;
        });
        if (inserted > 0) {
            announce(event.tenantId());
        }
    }

    @EventHandler
    void on(TenantDomainAddedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(
                event.tenantId(),
                sequence,
                at,
                s -> s.withDomainAdded(normalize(event.domain()), event.verificationToken()));
    }

    @EventHandler
    void on(TenantDomainVerifiedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.tenantId(), sequence, at, s -> s.withDomainVerified(normalize(event.domain())));
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

    @EventHandler
    void on(TenantRenamedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.tenantId(), sequence, at, s -> s.withName(event.name()));
    }

    /**
     * The closed tenant keeps its domains on its row, so that the edge answers its old domains
     * with {@code tenant_closed} until another tenant activates them (the directory prefers a live
     * tenant for a domain).
     */
    @EventHandler
    void on(TenantClosedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.tenantId(), sequence, at, s -> s.withStatus(TenantStatus.CLOSED));
    }

    @EventHandler
    void on(TenantSettingsChangedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.tenantId(), sequence, at, s -> s.withSettings(event.settings()));
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
        return findOne("id = ?", query.tenantId().value());
    }

    @QueryHandler
    TenantResponse handle(FindTenantBySlugQuery query) {
        return findOne("slug = ?", query.slug());
    }

    @QueryHandler
    TenantDomainList handle(FindTenantDomainsQuery query) {
        TenantResponse tenant = findOne("id = ?", query.tenantId().value());
        return tenant == null ? null : domainsOf(tenant);
    }

    @QueryHandler
    TenantSettingsResponse handle(FindTenantSettingsQuery query) {
        TenantResponse tenant = findOne("id = ?", query.tenantId().value());
        return tenant == null ? null : settingsOf(tenant);
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
        if (query.text() != null && !query.text().isBlank()) {
            String pattern = Sql.containsPattern(query.text().strip());
            sql.append(" AND (name ILIKE ? ESCAPE '\\' OR slug ILIKE ? ESCAPE '\\')");
            args.add(pattern);
            args.add(pattern);
        }
        if (query.module() != null) {
            sql.append(" AND ? = ANY (modules)");
            args.add(query.module().wireName());
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

    private TenantResponse findOne(String condition, Object value) {
        return jdbc
                .query("SELECT " + COLUMNS + " FROM platform_tenants WHERE " + condition, this::toResponse, value)
                .stream()
                .findFirst()
                .orElse(null);
    }

    private void change(TenantId tenantId, long sequence, Instant at, UnaryOperator<TenantState> change) {
        List<Versioned> rows = jdbc.query(
                "SELECT name, status, modules, domains, settings, version FROM platform_tenants WHERE id = ?",
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
                       SET name = ?, status = ?, modules = ?, domains = CAST(? AS jsonb), active_domains = ?,
                           settings = CAST(? AS jsonb), version = ?, updated_at = ?
                     WHERE id = ? AND version < ?
                    """);
            ps.setString(1, next.name());
            ps.setString(2, next.status().wireName());
            ps.setArray(3, con.createArrayOf("text", next.moduleWireNames()));
            ps.setString(4, toJson(next.domains()));
            ps.setArray(5, con.createArrayOf("text", next.activeDomains()));
            ps.setString(6, next.settings() == null ? null : toJson(next.settings()));
            ps.setLong(7, sequence);
            ps.setObject(8, Sql.timestamp(at));
            ps.setObject(9, tenantId.value());
            ps.setLong(10, sequence);
            return ps;
        });
        announce(tenantId);
    }

    /** Tells every node's directory, and whoever waits on this tenant's queries, about the new row. */
    private void announce(TenantId tenantId) {
        jdbc.execute(ANNOUNCE);
        TenantResponse current = handle(new FindTenantQuery(tenantId));
        if (current == null) {
            return;
        }
        emitter.emit(FindTenantQuery.class, q -> tenantId.equals(q.tenantId()), current);
        emitter.emit(FindTenantDomainsQuery.class, q -> tenantId.equals(q.tenantId()), domainsOf(current));
        emitter.emit(FindTenantSettingsQuery.class, q -> tenantId.equals(q.tenantId()), settingsOf(current));
    }

    private static TenantDomainList domainsOf(TenantResponse tenant) {
        return new TenantDomainList(tenant.domains(), tenant.version());
    }

    private static TenantSettingsResponse settingsOf(TenantResponse tenant) {
        return TenantSettingsResponse.of(tenant.settings(), tenant.version());
    }

    /** Host names are case-insensitive; the directory looks them up in lower case. */
    private static String normalize(String domain) {
        return domain == null ? null : domain.trim().toLowerCase(Locale.ROOT);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a tenant column as JSON", e);
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
        String settings = rs.getString("settings");
        try {
            return new TenantState(
                    rs.getString("name"),
                    TenantStatus.fromWireName(rs.getString("status")),
                    modules,
                    json.readValue(rs.getString("domains"), DOMAIN_LIST),
                    settings == null ? null : json.readValue(settings, TenantSettings.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a tenant row's JSON columns", e);
        }
    }

    private TenantResponse toResponse(ResultSet rs, int row) throws SQLException {
        TenantState state = readState(rs);
        return new TenantResponse(
                new TenantId(rs.getObject("id", UUID.class)),
                state.name(),
                rs.getString("slug"),
                state.status(),
                state.modules(),
                state.domains(),
                state.effectiveSettings(),
                rs.getLong("version"),
                Sql.instant(rs, "created_at"));
    }

    private record Versioned(TenantState state, long version) {}
}
