package dev.tenantcore.query.live;

import dev.tenantcore.api.automations.EventTopic;
import dev.tenantcore.api.tenancy.TenantModule;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The module each topic belongs to, as the REST routes of its events are switched (the edge's
 * {@code ModuleRoutes}): a tenant without the module gets none of the topic's events.
 */
final class TopicModules {

    private static final Map<EventTopic, TenantModule> MODULES = new EnumMap<>(Map.of(
            EventTopic.ORDERS, TenantModule.STOREFRONT,
            // Payments serve checkout, under the storefront, as their routes do.
            EventTopic.PAYMENTS, TenantModule.STOREFRONT,
            EventTopic.CATALOG, TenantModule.STOREFRONT,
            EventTopic.INVOICES, TenantModule.BILLING,
            EventTopic.CONTACTS, TenantModule.CRM,
            EventTopic.LEADS, TenantModule.CRM,
            EventTopic.CONVERSATIONS, TenantModule.CRM,
            EventTopic.AUTOMATION_RUNS, TenantModule.AUTOMATIONS));

    private TopicModules() {}

    static TenantModule of(EventTopic topic) {
        TenantModule module = MODULES.get(topic);
        if (module == null) {
            throw new IllegalStateException("topic " + topic + " belongs to no module");
        }
        return module;
    }

    /** The topics of {@code module}. */
    static Set<EventTopic> topicsOf(TenantModule module) {
        return MODULES.entrySet().stream()
                .filter(e -> e.getValue() == module)
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }
}
