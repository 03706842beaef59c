package dev.tenantcore.command.payments.provider.manual;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.command.payments.provider.PaymentProvider;
import dev.tenantcore.command.payments.provider.ProviderCredentials;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Money that staff collect themselves (cash, bank transfer) and confirm with mark-paid or
 * mark-failed. Nothing external is involved, so there is nothing to open, refund or be told.
 */
@Component
class ManualPaymentProvider implements PaymentProvider {

    @Override
    public PaymentProviderKind kind() {
        return PaymentProviderKind.MANUAL;
    }

    @Override
    public ProviderPayment create(ProviderCredentials credentials, PaymentId paymentId, Money amount) {
        return ProviderPayment.NONE;
    }

    @Override
    public ProviderPayment retrieve(ProviderCredentials credentials, String providerPaymentId) {
        return ProviderPayment.NONE;
    }

    @Override
    public void refund(ProviderCredentials credentials, String providerPaymentId, Money amount, UUID refundId) {
        // Staff hand the money back themselves; the refund command records that they did.
    }

    @Override
    public void cancel(ProviderCredentials credentials, String providerPaymentId) {
        // Nothing was opened anywhere: staff simply accept no more money for it.
    }

    @Override
    public ProviderEvent verifyWebhook(ProviderCredentials credentials, Map<String, String> headers, String payload) {
        throw new DomainException(ErrorCode.INVALID_TOKEN, "Manual payments receive no webhooks.");
    }
}
