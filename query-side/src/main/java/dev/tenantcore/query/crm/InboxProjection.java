package dev.tenantcore.query.crm;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.conversation.FindInboxSettingsQuery;
import dev.tenantcore.api.crm.conversation.InboxSettingsChangedEvent;
import dev.tenantcore.api.crm.conversation.InboxSettingsView;
import dev.tenantcore.api.crm.conversation.ListStaffAvailabilityQuery;
import dev.tenantcore.api.crm.conversation.StaffAvailabilityChangedEvent;
import dev.tenantcore.api.crm.conversation.StaffAvailabilityList;
import dev.tenantcore.api.crm.conversation.StaffAvailabilityResponse;
import dev.tenantcore.infra.tenancy.TenantContext;
import dev.tenantcore.query.support.ReadModel;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * The tenant's inbox as staff read it back: the round-robin setting ({@code
 * conversation_inbox_settings}, one row) and each staff member's availability ({@code
 * conversation_staff_availability}), from the {@code Inbox} aggregate's events. Rows carry the
 * inbox's event sequence as their version, so a redelivered or replayed event changes nothing. The
 * inbox's events name no tenant: they are written in the tenant of the event's metadata, which the
 * processor has set before handling.
 */
@Component
@ProcessingGroup("crm-conversations")
class InboxProjection {

    private static final String SETTINGS = "conversation_inbox_settings";
    private static final String STAFF = "conversation_staff_availability";

    private final ReadModel store;

    InboxProjection(ReadModel store) {
        this.store = store;
    }

    @EventHandler
    void on(
            InboxSettingsChangedEvent event,
            @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at) {
        store.insert(SETTINGS, tenant())
                .value("id", event.inboxId().value())
                .value("auto_assign", event.autoAssign())
                .apply(sequence, at);
    }

    @EventHandler
    void on(
            StaffAvailabilityChangedEvent event,
            @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at) {
        store.insert(STAFF, tenant())
                .value("id", event.userId().value())
                .value("available", event.available())
                .apply(sequence, at);
    }

    @ResetHandler
    void reset() {
        store.reset(SETTINGS, STAFF);
    }

    @QueryHandler
    InboxSettingsView handle(FindInboxSettingsQuery query) {
        return store
                .jdbc()
                .query(
                        "SELECT auto_assign, updated_at FROM " + SETTINGS,
                        (rs, row) -> new InboxSettingsView(
                                rs.getBoolean("auto_assign"), instant(rs.getTimestamp("updated_at"))))
                .stream()
                .findFirst()
                .orElse(new InboxSettingsView(false, null));
    }

    @QueryHandler
    StaffAvailabilityList handle(ListStaffAvailabilityQuery query) {
        return new StaffAvailabilityList(store.jdbc()
                .query(
                        "SELECT id, available, updated_at FROM " + STAFF
                                + " ORDER BY available DESC, updated_at DESC, id LIMIT 1000",
                        (rs, row) -> new StaffAvailabilityResponse(
                                new UserId(rs.getObject("id", java.util.UUID.class)),
                                rs.getBoolean("available"),
                                instant(rs.getTimestamp("updated_at")))));
    }

    private static TenantId tenant() {
        return TenantContext.requireTenant("The inbox's events are handled in their tenant.");
    }

    private static Instant instant(Timestamp value) {
        return value == null ? null : value.toInstant();
    }
}
