package dev.tenantcore.infra.tenancy;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * The tenant and user that the current thread works for. Set at the edge for a request and from
 * message metadata for handlers; {@link TenantId#PLATFORM} when no tenant applies.
 */
public final class TenantContext {

    private static final ThreadLocal<TenantId> TENANT = new ThreadLocal<>();
    private static final ThreadLocal<UserId> USER = new ThreadLocal<>();

    private TenantContext() {}

    public static Optional<TenantId> current() {
        return Optional.ofNullable(TENANT.get());
    }

    /**
     * The tenant of a route that serves one tenant's own users, never the platform scope: the edge
     * already refuses such routes without a tenant, and refusing here as well keeps that true if
     * routes change. {@code TENANT_NOT_FOUND} with {@code detail} otherwise.
     */
    public static TenantId requireTenant(String detail) {
        return current()
                .filter(t -> !t.isPlatform())
                .orElseThrow(() -> new DomainException(ErrorCode.TENANT_NOT_FOUND, detail));
    }

    public static Optional<UserId> currentUser() {
        return Optional.ofNullable(USER.get());
    }

    /** Runs the rest of the thread's work for the given tenant until the returned scope closes. */
    public static Scope enter(TenantId tenant, UserId user) {
        TenantId previousTenant = TENANT.get();
        UserId previousUser = USER.get();
        TENANT.set(tenant);
        USER.set(user);
        // In the log's context too, so that every line written for this work names whom it was for.
        String previousTenantLog = MDC.get(MetadataKeys.TENANT_ID);
        String previousUserLog = MDC.get(MetadataKeys.USER_ID);
        log(MetadataKeys.TENANT_ID, tenant == null ? null : tenant.toString());
        log(MetadataKeys.USER_ID, user == null ? null : user.toString());
        return () -> {
            restore(TENANT, previousTenant);
            restore(USER, previousUser);
            log(MetadataKeys.TENANT_ID, previousTenantLog);
            log(MetadataKeys.USER_ID, previousUserLog);
        };
    }

    private static <T> void restore(ThreadLocal<T> holder, T previous) {
        if (previous == null) {
            holder.remove();
        } else {
            holder.set(previous);
        }
    }

    private static void log(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    /** Closing a scope restores what was there before, and never throws. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
