package dev.tenantcore.query.crm;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.crm.FindLifecycleStagesQuery;
import dev.tenantcore.api.crm.LifecycleStages;
import dev.tenantcore.api.crm.LifecycleStagesResponse;
import dev.tenantcore.api.crm.LifecycleStagesSetEvent;
import dev.tenantcore.query.support.ReadModel;
import dev.tenantcore.query.support.ReadTable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code contact_stages}, one row per tenant that set its own lifecycle stages. A tenant
 * without one has the default stages at version -1, before the first version its own list gets.
 */
@Component
@ProcessingGroup("crm")
class ContactStageProjection {

    private static final String TABLE = "contact_stages";

    private final ReadModel store;
    private final ReadTable<TenantId> stages;

    ContactStageProjection(ReadModel store) {
        this.store = store;
        this.stages = store.table(
                TABLE,
                TenantId::value,
                (id, changed) -> store.publishIf(
                        changed,
                        FindLifecycleStagesQuery.class,
                        () -> handle(new FindLifecycleStagesQuery(id)),
                        (q, row) -> id.equals(q.tenantId())));
    }

    @EventHandler
    void on(LifecycleStagesSetEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        stages.insert(event.tenantId(), event.tenantId())
                .texts("stages", event.stages().toArray(String[]::new))
                .apply(sequence, at);
    }

    @ResetHandler
    void reset() {
        store.reset(TABLE);
    }

    @QueryHandler
    LifecycleStagesResponse handle(FindLifecycleStagesQuery query) {
        LifecycleStagesResponse own = store.findOne(
                "SELECT stages, version FROM contact_stages",
                (rs, row) -> new LifecycleStagesResponse(
                        Arrays.asList((String[]) rs.getArray("stages").getArray()), rs.getLong("version")));
        return own != null ? own : new LifecycleStagesResponse(List.copyOf(LifecycleStages.DEFAULT), -1);
    }
}
