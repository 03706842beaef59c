package dev.tenantcore.command.payments;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.command.common.PaymentMethods;
import dev.tenantcore.command.payments.settings.PaymentProviderSettings;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The ways to pay the current tenant has enabled in its provider settings. */
@Component
class EnabledPaymentMethods implements PaymentMethods {

    private final PaymentProviderSettings settings;
    private final TransactionTemplate tx;

    EnabledPaymentMethods(PaymentProviderSettings settings, PlatformTransactionManager transactionManager) {
        this.settings = settings;
        this.tx = new TransactionTemplate(transactionManager);
    }

    @Override
    public PaymentProviderKind accepted(String wireName) {
        if (wireName == null) {
            return null;
        }
        PaymentProviderKind kind;
        try {
            kind = PaymentProviderKind.fromWireName(wireName);
        } catch (IllegalArgumentException e) {
            throw new DomainException(
                    ErrorCode.VALIDATION_FAILED, "paymentProvider must be one of manual, stripe, paypal, crypto.");
        }
        if (!Boolean.TRUE.equals(tx.execute(status -> settings.enabled(kind)))) {
            throw new DomainException(
                    ErrorCode.VALIDATION_FAILED, "Payments with " + kind.wireName() + " are not enabled here.");
        }
        return kind;
    }
}
