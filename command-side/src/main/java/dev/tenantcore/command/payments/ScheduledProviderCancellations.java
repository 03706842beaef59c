package dev.tenantcore.command.payments;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.tenantcore.api.payments.CompletePaymentCancellationCommand;
import dev.tenantcore.api.payments.FailPaymentCancellationCommand;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.command.payments.provider.PaymentProvider;
import dev.tenantcore.command.payments.provider.ProviderCredentials;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Given-up payments closed at their provider (a Stripe PaymentIntent cancelled, a BTCPay invoice
 * marked invalid), queued by the {@link dev.tenantcore.command.payments.model.Payment} aggregate in
 * the transaction that gave it up, one task per payment keyed by its id, and run afterwards like
 * every provider call (see {@link ProviderCallRunner}).
 */
@Configuration(proxyBeanMethods = false)
class ScheduledProviderCancellations {

    static final String TASK = "payment-cancellation";

    /** A queued cancellation; its class name is part of what db-scheduler stores. */
    record Due(String tenantId, String paymentId, String provider, String providerPaymentId, int failedBefore)
            implements ProviderCall {

        Due(String tenantId, String paymentId, String provider, String providerPaymentId) {
            this(tenantId, paymentId, provider, providerPaymentId, 0);
        }

        @Override
        public Object ask(PaymentProvider provider, ProviderCredentials credentials) {
            provider.cancel(credentials, providerPaymentId);
            return new CompletePaymentCancellationCommand(payment());
        }

        @Override
        public Object refused(String reason) {
            return new FailPaymentCancellationCommand(payment(), reason);
        }

        @Override
        public String gaveUp() {
            return "The payment provider could not be asked to close the payment.";
        }

        @Override
        public Due afterFailures(int failed) {
            return new Due(tenantId, paymentId, provider, providerPaymentId, failed);
        }

        private PaymentId payment() {
            return new PaymentId(UUID.fromString(paymentId));
        }
    }

    @Bean
    OneTimeTask<Due> paymentCancellationTask(ProviderCallRunner runner) {
        return runner.task(TASK, Due.class);
    }
}
