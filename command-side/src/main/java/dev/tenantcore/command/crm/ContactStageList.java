package dev.tenantcore.command.crm;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.crm.LifecycleStagesId;
import dev.tenantcore.api.crm.LifecycleStagesSetEvent;
import dev.tenantcore.api.crm.SetLifecycleStagesCommand;
import dev.tenantcore.command.common.Rules;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The lifecycle stages of one tenant's contacts, one aggregate per tenant ({@link
 * LifecycleStagesId#of}), created by its first command.
 *
 * <p>It does not extend {@code TenantOwned}: the first command meets no aggregate yet, whose guard
 * would refuse it. The same rule holds here instead: the aggregate's id derives from the caller's
 * tenant, so a command naming any other is refused as if it did not exist.
 *
 * <p>Invariants: 1-20 distinct stages of lower-case words; setting the same list records nothing.
 */
@Aggregate
public class ContactStageList {

    private static final Pattern STAGE = Pattern.compile("^[a-z][a-z0-9_-]{0,39}$");

    @AggregateIdentifier
    private LifecycleStagesId id;

    private List<String> stages = List.of();

    protected ContactStageList() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(
            SetLifecycleStagesCommand command, @MetaDataValue(MetadataKeys.TENANT_ID) String tenant, StageLists lists) {
        if (tenant == null
                || command.stagesId() == null
                || !command.stagesId().equals(LifecycleStagesId.of(TenantId.of(tenant)))) {
            throw new AggregateNotFoundException(String.valueOf(command.stagesId()), "The resource does not exist.");
        }
        List<String> given = command.stages() == null ? List.of() : command.stages();
        if (given.isEmpty() || given.size() > 20) {
            throw Rules.invalid("stages must list 1-20 stages");
        }
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (String stage : given) {
            String value = stage == null ? "" : stage.strip().toLowerCase(Locale.ROOT);
            if (!STAGE.matcher(value).matches()) {
                throw Rules.invalid("a stage is 1-40 lower-case letters, digits, _ or -, starting with a letter");
            }
            distinct.add(value);
        }
        if (distinct.size() != given.size()) {
            throw Rules.invalid("stages must be distinct");
        }
        List<String> changed = List.copyOf(distinct);
        if (changed.equals(stages)) {
            return getVersion() == null ? 0L : getVersion();
        }
        lists.set(changed);
        apply(new LifecycleStagesSetEvent(command.stagesId(), TenantId.of(tenant), changed));
        return getVersion();
    }

    @EventSourcingHandler
    void on(LifecycleStagesSetEvent event) {
        id = event.stagesId();
        stages = event.stages();
    }
}
