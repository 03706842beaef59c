package dev.tenantcore.command.crm;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.crm.segment.CreateSegmentCommand;
import dev.tenantcore.api.crm.segment.DeleteSegmentCommand;
import dev.tenantcore.api.crm.segment.SegmentCreatedEvent;
import dev.tenantcore.api.crm.segment.SegmentDeletedEvent;
import dev.tenantcore.api.crm.segment.SegmentFilter;
import dev.tenantcore.api.crm.segment.SegmentId;
import dev.tenantcore.api.crm.segment.SegmentUpdatedEvent;
import dev.tenantcore.api.crm.segment.UpdateSegmentCommand;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.command.common.TenantOwned;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A saved segment of a tenant's contacts: a name and a filter that automations and campaigns will
 * target by the segment's id.
 *
 * <p>Invariants: the name is 1-100 characters; every filter written meets {@link SegmentFilters}
 * against the tenant's custom fields and stages as the command side knows them at that moment (a
 * field removed later makes its conditions match nobody, it never breaks the segment). A filter is
 * kept as data, in the form the rules normalised it to.
 */
@Aggregate
public class Segment extends TenantOwned {

    static final int NAME_LENGTH = 100;

    @AggregateIdentifier
    private SegmentId id;

    private String name;
    private SegmentFilter filter;

    protected Segment() {}

    @CommandHandler
    public Segment(
            CreateSegmentCommand command,
            @MetaDataValue(MetadataKeys.TENANT_ID) String tenant,
            CustomFieldDefinitions fields,
            StageLists stages) {
        String name = Rules.text("name", command.name(), NAME_LENGTH);
        SegmentFilter filter = SegmentFilters.validated(command.filter(), fields.all(), stages.current());
        apply(new SegmentCreatedEvent(command.segmentId(), TenantId.of(tenant), name, filter));
    }

    @CommandHandler
    public long handle(UpdateSegmentCommand command, CustomFieldDefinitions fields, StageLists stages) {
        String newName = command.name() == null ? name : Rules.text("name", command.name(), NAME_LENGTH);
        SegmentFilter newFilter = command.filter() == null
                ? filter
                : SegmentFilters.validated(command.filter(), fields.all(), stages.current());
        if (newName.equals(name) && newFilter.equals(filter)) {
            return getVersion();
        }
        apply(new SegmentUpdatedEvent(id, newName, newFilter));
        return getVersion();
    }

    @CommandHandler
    public void handle(DeleteSegmentCommand command) {
        apply(new SegmentDeletedEvent(id));
    }

    @EventSourcingHandler
    void on(SegmentCreatedEvent event) {
        id = event.segmentId();
        tenantId = event.tenantId();
        name = event.name();
        filter = event.filter();
    }

    @EventSourcingHandler
    void on(SegmentUpdatedEvent event) {
        name = event.name();
        filter = event.filter();
    }

    @EventSourcingHandler
    void on(SegmentDeletedEvent event) {
        markDeleted();
    }

    @Override
    protected String aggregateId() {
        return String.valueOf(id);
    }
}
