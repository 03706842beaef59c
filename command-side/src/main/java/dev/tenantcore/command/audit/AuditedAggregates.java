package dev.tenantcore.command.audit;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.AggregateConfiguration;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.springframework.stereotype.Component;

/**
 * The aggregate types an auditor can name, as Axon knows them: {@code product}, {@code order},
 * {@code user-account}… (the class's simple name in kebab case), each with the type stored in the
 * event store's {@code type} column and the model that replays it. Found from Axon's configuration,
 * so this context names no other context's class and a new aggregate is auditable at once.
 */
@Component
class AuditedAggregates {

    record Audited(String wireName, String storedType, Class<?> type) {}

    private final Configuration axon;
    private final Map<Class<?>, AggregateModel<?>> models = new ConcurrentHashMap<>();
    private volatile Map<String, Audited> byWireName;

    AuditedAggregates(Configuration axon) {
        this.axon = axon;
    }

    /** The aggregate type of {@code wireName}, or a {@code 404} for a name that is none. */
    Audited named(String wireName) {
        Audited audited = all().get(wireName);
        if (audited == null) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No aggregate type is called " + wireName + ".");
        }
        return audited;
    }

    Audited byStoredType(String storedType) {
        return all().values().stream()
                .filter(a -> a.storedType().equals(storedType))
                .findFirst()
                .orElse(null);
    }

    Map<String, Audited> all() {
        Map<String, Audited> known = byWireName;
        if (known == null) {
            known = new TreeMap<>();
            for (AggregateConfiguration<?> aggregate : axon.findModules(AggregateConfiguration.class)) {
                Class<?> type = aggregate.aggregateType();
                String wire = wireName(type.getSimpleName());
                known.put(wire, new Audited(wire, type.getSimpleName(), type));
            }
            byWireName = known;
        }
        return known;
    }

    /** Axon's model of the aggregate, resolving handler parameters as the running application does. */
    @SuppressWarnings("unchecked")
    <T> AggregateModel<T> model(Class<T> type) {
        return (AggregateModel<T>) models.computeIfAbsent(
                type,
                t -> AnnotatedAggregateMetaModelFactory.inspectAggregate(
                        t, axon.parameterResolverFactory(), axon.handlerDefinition(t)));
    }

    static String wireName(String simpleName) {
        return simpleName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
