package dev.tenantcore.query.tenancy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.tenancy.BillingStatus;
import dev.tenantcore.api.tenancy.FindTenantBySlugQuery;
import dev.tenantcore.api.tenancy.FindTenantDomainsQuery;
import dev.tenantcore.api.tenancy.FindTenantQuery;
import dev.tenantcore.api.tenancy.FindTenantSettingsQuery;
import dev.tenantcore.api.tenancy.ListTenantsQuery;
import dev.tenantcore.api.tenancy.TenantBillingStatusChangedEvent;
import dev.tenantcore.api.tenancy.TenantClosedEvent;
import dev.tenantcore.api.tenancy.TenantDomainActivatedEvent;
import dev.tenantcore.api.tenancy.TenantDomainAddedEvent;
import dev.tenantcore.api.tenancy.TenantDomainClaimReleasedEvent;
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
import dev.tenantcore.api.tenancy.TenantSignUpExpiredEvent;
import dev.tenantcore.api.tenancy.TenantSignUpRequestedEvent;
import dev.tenantcore.api.tenancy.TenantSignUpVerifiedEvent;
import dev.tenantcore.api.tenancy.TenantStatus;
import dev.tenantcore.api.tenancy.TenantSuspendedEvent;
import dev.tenantcore.api.tenancy.TenantTrialConvertedEvent;
import dev.tenantcore.api.tenancy.TenantTrialEndedEvent;
import dev.tenantcore.infra.tenancy.TenantDirectory;
import dev.tenantcore.query.support.KeysetPage;
import dev.tenantcore.query.support.PageCursor;
import dev.tenantcore.query.support.ReadModel;
import dev.tenantcore.query.support.Sql;
import dev.tenantcore.query.support.VersionedRows;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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
import org.springframework.stereotype.Component;

/**
 * Keeps {@code platform_tenants} in step with the tenant aggregates and answers the tenant
 * queries of the platform, of a tenant's own staff and of its public storefront.
 *
 * <p>Idempotent: writes are versioned ({@link VersionedRows}), so a redelivered or replayed event
 * leaves the same row. Every change also sends {@code NOTIFY tenant_directory} in the same
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
    private static final String COLUMNS = "id, name, slug, status, modules, domains, settings, version, created_at,"
            + " resume_status, industry, billing_status, trial_ends_at";
    private static final String ANNOUNCE = "SELECT pg_notify('" + TenantDirectory.CHANNEL + "', '')";

    private static final String TABLE = "platform_tenants";

    private final ReadModel store;

    TenantProjection(ReadModel store) {
        this.store = store;
    }

    @EventHandler
    void on(TenantRegisteredEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        TenantState state = new TenantState(
                event.name(),
                TenantStatus.ACTIVE,
                event.modules() == null ? Set.of() : event.modules(),
                List.of(),
                null,
                null);
        // Platform-level: the row has no tenant_id. A replayed registration does not undo later changes.
        boolean inserted = store.insert(TABLE)
                .value("id", event.tenantId().value())
                .value("name", event.name())
                .value("slug", event.slug())
                .value("industry", event.industry())
                .value("status", state.status().wireName())
                .texts("modules", state.moduleWireNames())
                .json("domains", state.domains())
                .texts("active_domains", state.activeDomains())
                .apply(sequence, at);
        if (inserted) {
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

    /** An unverified claim that lapsed leaves the list as a removed domain does. */
    @EventHandler
    void on(TenantDomainClaimReleasedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
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
        change(event.tenantId(), sequence, at, TenantState::suspended);
    }

    @EventHandler
    void on(TenantReactivatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.tenantId(), sequence, at, TenantState::reactivated);
    }

    @EventHandler
    void on(TenantSignUpRequestedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.tenantId(), sequence, at, s -> s.withStanding(TenantStatus.PENDING));
    }

    @EventHandler
    void on(TenantSignUpVerifiedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(
                event.tenantId(),
                sequence,
                at,
                s -> s.withStanding(TenantStatus.TRIAL),
                row -> row.set("trial_ends_at", Sql.timestamp(event.trialEndsAt())));
    }

    @EventHandler
    void on(TenantTrialEndedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.tenantId(), sequence, at, s -> s.withStanding(TenantStatus.TRIAL_ENDED));
    }

    @EventHandler
    void on(TenantTrialConvertedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.tenantId(), sequence, at, s -> s.withStanding(TenantStatus.ACTIVE));
    }

    @EventHandler
    void on(TenantBillingStatusChangedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(
                event.tenantId(),
                sequence,
                at,
                UnaryOperator.identity(),
                row -> row.set("billing_status", event.billingStatus().wireName()));
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

    /**
     * A sign-up never verified is removed from the list: its slug and domain are free for a new
     * sign-up, whose row takes the same unique slug. The edge forgets its domain with the reload.
     */
    @EventHandler
    void on(TenantSignUpExpiredEvent event) {
        store.delete(
                TABLE,
                event.tenantId().value(),
                FindTenantQuery.class,
                q -> event.tenantId().equals(q.tenantId()));
        store.jdbc().execute(ANNOUNCE);
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
        store.reset(TABLE);
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
        KeysetPage.Query<TenantResponse> list = KeysetPage.select(
                        "SELECT " + COLUMNS + " FROM platform_tenants", this::toResponse)
                .whereGiven("status = ?", query.status(), TenantStatus::wireName)
                .whereGiven("? = ANY (modules)", query.module(), TenantModule::wireName);
        if (query.text() != null && !query.text().isBlank()) {
            String pattern = Sql.containsPattern(query.text().strip());
            list.where("(name ILIKE ? ESCAPE '\\' OR slug ILIKE ? ESCAPE '\\')", pattern, pattern);
        }
        KeysetPage<TenantResponse> page = list.page(
                store.jdbc(), query.limit(), query.cursor(), t -> new PageCursor(t.createdAt(), t.id().value()));
        return new TenantPage(page.items(), page.nextCursor());
    }

    private TenantResponse findOne(String condition, Object value) {
        return store.findOne(
                "SELECT " + COLUMNS + " FROM platform_tenants WHERE " + condition, this::toResponse, value);
    }

    private void change(TenantId tenantId, long sequence, Instant at, UnaryOperator<TenantState> change) {
        change(tenantId, sequence, at, change, UnaryOperator.identity());
    }

    /** {@code columns} sets the columns that are not part of {@link TenantState}, in the same versioned write. */
    private void change(
            TenantId tenantId,
            long sequence,
            Instant at,
            UnaryOperator<TenantState> change,
            UnaryOperator<VersionedRows.Update> columns) {
        List<Versioned> found = store.jdbc()
                .query(
                        "SELECT name, status, modules, domains, settings, resume_status, version FROM platform_tenants"
                                + " WHERE id = ?",
                        (rs, n) -> new Versioned(readState(rs), rs.getLong("version")),
                        tenantId.value());
        if (found.isEmpty()) {
            log.warn("tenant {} has no row to apply event #{} to; was its registration lost?", tenantId, sequence);
            return;
        }
        if (found.get(0).version() >= sequence) {
            return;
        }
        TenantState next = change.apply(found.get(0).state());
        columns.apply(store.update(TABLE, tenantId.value()))
                .set("name", next.name())
                .set(
                        "resume_status",
                        next.resumeStatus() == null ? null : next.resumeStatus().wireName())
                .set("status", next.status().wireName())
                .texts("modules", next.moduleWireNames())
                .json("domains", next.domains())
                .texts("active_domains", next.activeDomains())
                .set(
                        "settings",
                        "CAST(? AS jsonb)",
                        next.settings() == null ? null : store.json().write(next.settings()))
                .apply(sequence, at);
        announce(tenantId);
    }

    /** Tells every node's directory, and whoever waits on this tenant's queries, about the new row. */
    private void announce(TenantId tenantId) {
        store.jdbc().execute(ANNOUNCE);
        TenantResponse current = handle(new FindTenantQuery(tenantId));
        if (current == null) {
            return;
        }
        store.publish(FindTenantQuery.class, () -> current, (q, row) -> tenantId.equals(q.tenantId()));
        store.publish(
                FindTenantDomainsQuery.class, () -> domainsOf(current), (q, row) -> tenantId.equals(q.tenantId()));
        store.publish(
                FindTenantSettingsQuery.class, () -> settingsOf(current), (q, row) -> tenantId.equals(q.tenantId()));
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

    private TenantState readState(ResultSet rs) throws SQLException {
        Set<TenantModule> modules = EnumSet.noneOf(TenantModule.class);
        Array array = rs.getArray("modules");
        if (array != null) {
            for (String module : (String[]) array.getArray()) {
                modules.add(TenantModule.fromWireName(module));
            }
        }
        return new TenantState(
                rs.getString("name"),
                TenantStatus.fromWireName(rs.getString("status")),
                modules,
                store.json().read(rs, "domains", DOMAIN_LIST),
                inForce(store.json().read(rs, "settings", TenantSettings.class)),
                rs.getString("resume_status") == null
                        ? null
                        : TenantStatus.fromWireName(rs.getString("resume_status")));
    }

    private static TenantSettings inForce(TenantSettings settings) {
        return settings == null ? null : settings.withCheckoutInForce();
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
                state.shownSettings(),
                rs.getLong("version"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "trial_ends_at"),
                BillingStatus.fromWireName(rs.getString("billing_status")),
                rs.getString("industry"));
    }

    private record Versioned(TenantState state, long version) {}
}
