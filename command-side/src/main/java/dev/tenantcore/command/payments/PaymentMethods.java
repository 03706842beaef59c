package dev.tenantcore.command.payments;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.command.payments.settings.PaymentProviderSettings;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Which ways to pay the current tenant accepts, for checkouts that name one. */
@Component
public class PaymentMethods {

    private final PaymentProviderSettings settings;
    private final TransactionTemplate tx;

    PaymentMethods(PaymentProviderSettings settings, PlatformTransactionManager transactionManager) {
        this.settings = settings;
        this.tx = new TransactionTemplate(transactionManager);
    }

    /**
     * The provider a buyer named, once it is known to be enabled here; null when they named none.
     *
     * @throws DomainException {@code validation_failed} for an unknown or disabled provider
     */
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
