package dev.tenantcore.command.payments;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.payments.CompletePaymentRefundCommand;
import dev.tenantcore.api.payments.FailPaymentRefundCommand;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.command.payments.provider.PaymentProvider;
import dev.tenantcore.command.payments.provider.ProviderCredentials;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Refunds through a provider, queued by the {@link dev.tenantcore.command.payments.model.Payment}
 * aggregate in its command transaction, one task per refund keyed by the refund id, and run
 * afterwards with the refund id as the provider's idempotency key (see {@link ProviderCallRunner}).
 */
@Configuration(proxyBeanMethods = false)
class ScheduledProviderRefunds {

    static final String TASK = "payment-refund";

    /** A queued refund; its class name is part of what db-scheduler stored, so it stays. */
    record Due(
            String tenantId,
            String paymentId,
            String refundId,
            String provider,
            String providerPaymentId,
            long amountMinor,
            String currency,
            int failedBefore)
            implements ProviderCall {

        Due(
                String tenantId,
                String paymentId,
                String refundId,
                String provider,
                String providerPaymentId,
                long amountMinor,
                String currency) {
            this(tenantId, paymentId, refundId, provider, providerPaymentId, amountMinor, currency, 0);
        }

        @Override
        public Due afterFailures(int failed) {
            return new Due(tenantId, paymentId, refundId, provider, providerPaymentId, amountMinor, currency, failed);
        }

        @Override
        public Object ask(PaymentProvider provider, ProviderCredentials credentials) {
            provider.refund(credentials, providerPaymentId, Money.of(amountMinor, currency), refund());
            return new CompletePaymentRefundCommand(payment(), refund());
        }

        @Override
        public Object refused(String reason) {
            return new FailPaymentRefundCommand(payment(), refund(), reason);
        }

        @Override
        public String gaveUp() {
            return "The refund could not be completed; try again later.";
        }

        private PaymentId payment() {
            return new PaymentId(UUID.fromString(paymentId));
        }

        private UUID refund() {
            return UUID.fromString(refundId);
        }
    }

    @Bean
    OneTimeTask<Due> paymentRefundTask(ProviderCallRunner runner) {
        return runner.task(TASK, Due.class);
    }
}
