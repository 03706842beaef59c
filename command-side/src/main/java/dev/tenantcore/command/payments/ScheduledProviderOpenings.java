package dev.tenantcore.command.payments;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.payments.CompletePaymentOpeningCommand;
import dev.tenantcore.api.payments.FailPaymentOpeningCommand;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.command.payments.provider.PaymentProvider;
import dev.tenantcore.command.payments.provider.ProviderCredentials;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Payments opened at their provider (a Stripe PaymentIntent, a PayPal order, a BTCPay invoice),
 * queued by the {@link dev.tenantcore.command.payments.model.Payment} aggregate when it is created,
 * one task per payment keyed by its id, and run afterwards with the payment id as the provider's
 * idempotency key, so a retried call opens nothing twice (see {@link ProviderCallRunner}).
 */
@Configuration(proxyBeanMethods = false)
class ScheduledProviderOpenings {

    static final String TASK = "payment-opening";

    /** A queued opening; its class name is part of what db-scheduler stores. */
    record Due(String tenantId, String paymentId, String provider, long amountMinor, String currency, int failedBefore)
            implements ProviderCall {

        Due(String tenantId, String paymentId, String provider, long amountMinor, String currency) {
            this(tenantId, paymentId, provider, amountMinor, currency, 0);
        }

        @Override
        public Due afterFailures(int failed) {
            return new Due(tenantId, paymentId, provider, amountMinor, currency, failed);
        }

        @Override
        public Object ask(PaymentProvider provider, ProviderCredentials credentials) {
            PaymentId payment = payment();
            String reference = provider.create(credentials, payment, Money.of(amountMinor, currency))
                    .providerPaymentId();
            if (reference == null) {
                throw new DomainException(ErrorCode.PAYMENT_PROVIDER_FAILED, "The payment provider opened no payment.");
            }
            return new CompletePaymentOpeningCommand(payment, reference);
        }

        @Override
        public Object refused(String reason) {
            return new FailPaymentOpeningCommand(payment(), reason);
        }

        @Override
        public String gaveUp() {
            return "The payment provider could not open the payment.";
        }

        private PaymentId payment() {
            return new PaymentId(UUID.fromString(paymentId));
        }
    }

    @Bean
    OneTimeTask<Due> paymentOpeningTask(ProviderCallRunner runner) {
        return runner.task(TASK, Due.class);
    }
}
