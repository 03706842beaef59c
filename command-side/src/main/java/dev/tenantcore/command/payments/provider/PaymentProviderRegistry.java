package dev.tenantcore.command.payments.provider;

import dev.tenantcore.api.payments.PaymentProviderKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Every {@link PaymentProvider} by kind: the one place that knows which drivers exist. A driver is
 * a Spring bean in its own sub-package ({@code provider.stripe}, {@code provider.paypal}, …); adding
 * one needs nothing else here.
 */
@Component
public class PaymentProviderRegistry {

    private final Map<PaymentProviderKind, PaymentProvider> providers;

    public PaymentProviderRegistry(List<PaymentProvider> providers) {
        this.providers = providers.stream().collect(Collectors.toMap(PaymentProvider::kind, Function.identity()));
    }

    public Optional<PaymentProvider> find(PaymentProviderKind kind) {
        return Optional.ofNullable(providers.get(kind));
    }

    public boolean has(PaymentProviderKind kind) {
        return providers.containsKey(kind);
    }
}
