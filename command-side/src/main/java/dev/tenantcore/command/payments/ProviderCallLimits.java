package dev.tenantcore.command.payments;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much of this node one tenant's payment providers may take, under {@code
 * app.payments.provider-calls}: at most {@code perTenant} calls of one tenant at a time and {@code
 * total} of all tenants (below {@code db-scheduler.threads}, so payment windows and other scheduled
 * work always find a thread), each ending within {@code timeLimit} however its provider answers. A
 * call over a limit waits {@code putOff} in the queue instead of on a thread.
 */
@ConfigurationProperties("app.payments.provider-calls")
record ProviderCallLimits(
        @DefaultValue("2") int perTenant,
        @DefaultValue("6") int total,
        @DefaultValue("PT15S") Duration timeLimit,
        @DefaultValue("PT0.5S") Duration putOff) {

    ProviderCallLimits {
        if (perTenant < 1 || total < perTenant) {
            throw new IllegalArgumentException(
                    "app.payments.provider-calls needs 1 <= per-tenant <= total, not " + perTenant + " and " + total);
        }
        if (timeLimit.isNegative() || timeLimit.isZero() || putOff.isNegative()) {
            throw new IllegalArgumentException("app.payments.provider-calls needs a positive time-limit");
        }
    }
}
