package dev.tenantcore.command.payments;

import dev.tenantcore.command.payments.provider.PaymentProvider;
import dev.tenantcore.command.payments.provider.ProviderCredentials;
import java.io.Serializable;

/**
 * One call a payment queued for its provider, as db-scheduler stores it (Java serialization, so an
 * implementation holds plain values only), and how its outcome is reported back to the payment.
 */
interface ProviderCall extends Serializable {

    String tenantId();

    /** The provider's wire name. */
    String provider();

    /**
     * Asks the provider and answers the command that reports success.
     *
     * @throws dev.tenantcore.api.common.DomainException the provider's refusal, final for this call
     */
    Object ask(PaymentProvider provider, ProviderCredentials credentials);

    /** The command that reports a refusal, with its reason. */
    Object refused(String reason);

    /** The reason reported once transient errors used up every attempt. */
    String gaveUp();

    /**
     * Attempts that failed before the call was last put off for want of a place in its tenant's
     * bulkhead (db-scheduler counts failures only since the last completed run). Zero in calls
     * stored before it existed, as Java serialization leaves a record component it lacks at zero.
     */
    int failedBefore();

    /** The same call, carrying {@code failed} failed attempts. */
    ProviderCall afterFailures(int failed);
}
