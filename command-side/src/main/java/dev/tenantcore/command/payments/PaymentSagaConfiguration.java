package dev.tenantcore.command.payments;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * The payment saga's processor retries a failing event (with the processor's back-off) instead of
 * logging and skipping it, which is the default: a skipped payment event would leave an order
 * unpaid or money unrefunded without a trace.
 */
@Configuration(proxyBeanMethods = false)
class PaymentSagaConfiguration {

    static final String PROCESSOR = "OrderPaymentSagaProcessor";

    @Autowired
    void retryFailures(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(
                PROCESSOR, configuration -> PropagatingErrorHandler.instance());
    }
}
