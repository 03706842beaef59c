package dev.tenantcore.command.payments;

import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.command.payments.provider.PaymentProvider;
import dev.tenantcore.command.payments.provider.PaymentProviderRegistry;
import dev.tenantcore.command.payments.provider.ProviderCredentials;
import dev.tenantcore.command.payments.settings.PaymentProviderSettings;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@link PaymentProviders} with the current tenant's settings and credentials. Runs inside the
 * saga's transaction, which already knows the tenant; provider calls log their failure (never a
 * credential) and report it as a value.
 */
@Component
class TenantPaymentProviders implements PaymentProviders {

    private static final Logger log = LoggerFactory.getLogger(TenantPaymentProviders.class);

    private final PaymentProviderSettings settings;
    private final PaymentProviderRegistry providers;

    TenantPaymentProviders(PaymentProviderSettings settings, PaymentProviderRegistry providers) {
        this.settings = settings;
        this.providers = providers;
    }

    @Override
    public Opening open(PaymentProviderKind kind, PaymentId paymentId, Money amount) {
        PaymentProvider provider = providers.find(kind).orElse(null);
        Optional<ProviderCredentials> credentials = settings.credentials(kind);
        if (provider == null || credentials.isEmpty()) {
            return Opening.failed("Payments with " + kind.wireName() + " are not enabled.");
        }
        try {
            return Opening.opened(
                    provider.create(credentials.get(), paymentId, amount).providerPaymentId());
        } catch (RuntimeException e) {
            log.warn("{} could not open payment {}: {}", kind.wireName(), paymentId, e.getMessage());
            return Opening.failed("The payment provider could not open the payment.");
        }
    }
}
