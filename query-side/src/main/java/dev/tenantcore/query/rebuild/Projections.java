package dev.tenantcore.query.rebuild;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.query.support.ReadModel;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.config.Configuration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.stereotype.Component;

/**
 * The projections that can be rebuilt, by name: a projection is a processing group all of whose
 * handlers have a {@code @ResetHandler} (so a processor that also sends mail, or calls a provider,
 * is none: replaying it would repeat its effects). Its handlers are the very beans of the live
 * processor, each wrapped in Axon's own annotation adapter with the application's parameter
 * resolvers, so a replayed event runs the same {@code @EventHandler} method the live processor runs.
 */
@Component
class Projections {

    /**
     * Rebuilt only in full: their rows are written from events recorded in the platform's scope (a
     * tenant's registration, its owner's account made by an operator), which a tenant's own stream
     * does not hold.
     */
    private static final Set<String> FULL_ONLY = Set.of("tenants", "users");

    /**
     * @param batched whether a rebuild may hold its writes back and send them as batches ({@link
     *     ReadModel#batched}): only when every bean of the projection reaches the database through
     *     its {@link ReadModel} alone, so that no statement can overtake a held write
     */
    record Projection(String name, List<AnnotationEventHandlerAdapter> handlers, boolean perTenant, boolean batched) {

        /** Runs every handler of the projection for this event that has one; false when none does. */
        boolean apply(EventMessage<?> event) throws Exception {
            boolean handled = false;
            for (AnnotationEventHandlerAdapter handler : handlers) {
                if (handler.canHandle(event)) {
                    handler.handle(event);
                    handled = true;
                }
            }
            return handled;
        }

        /** The projection's own reset handlers. */
        void reset() {
            handlers.forEach(AnnotationEventHandlerAdapter::prepareReset);
        }
    }

    private final ApplicationContext context;
    private final ObjectProvider<Configuration> axon;
    private volatile Map<String, Projection> byName;

    Projections(ApplicationContext context, ObjectProvider<Configuration> axon) {
        this.context = context;
        this.axon = axon;
    }

    /** The projection called {@code name}; {@code 404} when there is none. */
    Projection named(String name) {
        Projection projection = all().get(name);
        if (projection == null) {
            throw new DomainException(ErrorCode.NOT_FOUND, "There is no projection called " + name + ".");
        }
        return projection;
    }

    Map<String, Projection> all() {
        Map<String, Projection> known = byName;
        if (known == null) {
            known = discover();
            byName = known;
        }
        return known;
    }

    private Map<String, Projection> discover() {
        Configuration configuration = axon.getObject();
        Map<String, List<Object>> groups = new TreeMap<>();
        for (Object bean : context.getBeansWithAnnotation(ProcessingGroup.class).values()) {
            ProcessingGroup group =
                    AnnotationUtils.findAnnotation(AopUtils.getTargetClass(bean), ProcessingGroup.class);
            if (group != null) {
                groups.computeIfAbsent(group.value(), g -> new ArrayList<>()).add(bean);
            }
        }
        Map<String, Projection> projections = new TreeMap<>();
        groups.forEach((name, beans) -> {
            List<AnnotationEventHandlerAdapter> handlers = new ArrayList<>();
            for (Object bean : beans) {
                // Without the application's handler enhancers: a rebuild runs its own transactions,
                // and a failing event fails the rebuild rather than going to the dead-letter queue.
                handlers.add(new AnnotationEventHandlerAdapter(bean, configuration.parameterResolverFactory()));
            }
            if (beans.stream().allMatch(Projections::hasResetHandler)) {
                boolean batched = beans.stream().allMatch(bean -> onlyThroughReadModel(AopUtils.getTargetClass(bean)));
                projections.put(
                        name,
                        new Projection(
                                name, Collections.unmodifiableList(handlers), !FULL_ONLY.contains(name), batched));
            }
        });
        return Collections.unmodifiableMap(projections);
    }

    private static boolean hasResetHandler(Object bean) {
        for (Class<?> type = AopUtils.getTargetClass(bean); type != null; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                if (AnnotationUtils.findAnnotation(method, ResetHandler.class) != null) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether {@code type} can reach the database only through a {@link ReadModel}: none of its
     * fields, nor those of the application's classes it holds (followed through), is a template, a
     * data source, a connection, an entity manager or a transaction manager. The read model's own
     * package (its tables, pages and rows) is its template's.
     */
    static boolean onlyThroughReadModel(Class<?> type) {
        return onlyThroughReadModel(type, new HashSet<>());
    }

    private static boolean onlyThroughReadModel(Class<?> type, Set<Class<?>> seen) {
        if (!seen.add(type)) {
            return true;
        }
        for (Class<?> at = type; at != null && at != Object.class; at = at.getSuperclass()) {
            for (Field field : at.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Class<?> held = field.getType();
                if (ReadModel.class.getPackageName().equals(held.getPackageName())) {
                    // The read model and what it hands out (tables, pages): all of it on its template.
                    continue;
                }
                String name = held.getName();
                if (name.startsWith("org.springframework.jdbc.")
                        || name.startsWith("org.springframework.transaction.")
                        || name.startsWith("java.sql.")
                        || name.startsWith("javax.sql.")
                        || name.startsWith("jakarta.persistence.")
                        || name.startsWith("org.hibernate.")
                        || name.startsWith("dev.tenantcore.infra.tenancy.TenantAwareTransactionManager")) {
                    return false;
                }
                if (name.startsWith("dev.tenantcore.") && !onlyThroughReadModel(held, seen)) {
                    return false;
                }
            }
        }
        return true;
    }
}
