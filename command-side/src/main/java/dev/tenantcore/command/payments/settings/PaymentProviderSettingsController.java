package dev.tenantcore.command.payments.settings;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.command.payments.provider.btcpay.BtcPayServers;
import dev.tenantcore.infra.webhooks.WebhookInbox;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The owner's payment provider settings. Secrets go in and never come out: responses say only
 * whether each is set and its last four characters.
 */
@RestController
@RequestMapping("/api/v1/payment-providers")
class PaymentProviderSettingsController {

    private final PaymentProviderSettings settings;
    private final WebhookInbox inbox;
    private final BtcPayServers btcPayServers;
    private final TransactionTemplate tx;

    PaymentProviderSettingsController(
            PaymentProviderSettings settings,
            WebhookInbox inbox,
            BtcPayServers btcPayServers,
            PlatformTransactionManager transactionManager) {
        this.settings = settings;
        this.inbox = inbox;
        this.btcPayServers = btcPayServers;
        this.tx = new TransactionTemplate(transactionManager);
    }

    record SettingsRequest(
            @NotNull Boolean enabled,
            @Size(max = 255) String publishableKey,
            @Size(min = 8, max = 1000) String secretKey,
            @Size(min = 8, max = 1000) String webhookSecret,
            @Size(max = 255) String accountId,
            @Size(max = 2048) String serverUrl) {}

    record SecretView(boolean set, String last4) {}

    record ProviderView(
            PaymentProviderKind provider,
            boolean enabled,
            String publishableKey,
            String accountId,
            String serverUrl,
            SecretView secretKey,
            SecretView webhookSecret,
            String webhookPath,
            Instant updatedAt) {}

    record ProviderList(List<ProviderView> items) {}

    @GetMapping
    @PreAuthorize("hasRole('OWNER')")
    public ProviderList list() {
        return tx.execute(status -> new ProviderList(
                Arrays.stream(PaymentProviderKind.values()).map(this::view).toList()));
    }

    @PutMapping("/{provider}")
    @PreAuthorize("hasRole('OWNER')")
    public ProviderView put(@PathVariable String provider, @Valid @RequestBody SettingsRequest body) {
        PaymentProviderKind kind = kind(provider);
        // Resolved before the transaction: a slow DNS answer must not hold a database connection.
        String serverUrl = body.serverUrl() == null ? null : btcPayServers.validate(body.serverUrl());
        if (body.enabled() && kind == PaymentProviderKind.CRYPTO && (serverUrl == null || isBlank(body.accountId()))) {
            throw new DomainException(
                    ErrorCode.VALIDATION_FAILED,
                    "serverUrl (the BTCPay Server) and accountId (its store id) are required to enable crypto.");
        }
        return tx.execute(status -> {
            var current = settings.find(kind);
            boolean secretKeySet = body.secretKey() != null
                    || current.map(s -> s.secretKeyLast4() != null).orElse(false);
            boolean webhookSecretSet = body.webhookSecret() != null
                    || current.map(s -> s.webhookSecretLast4() != null).orElse(false);
            if (body.enabled() && kind != PaymentProviderKind.MANUAL && !(secretKeySet && webhookSecretSet)) {
                throw new DomainException(
                        ErrorCode.VALIDATION_FAILED,
                        "secretKey and webhookSecret are required to enable " + kind.wireName() + ".");
            }
            settings.save(
                    kind,
                    body.enabled(),
                    body.publishableKey(),
                    body.accountId(),
                    serverUrl,
                    body.secretKey(),
                    body.webhookSecret(),
                    Clock.systemUTC().instant());
            if (kind != PaymentProviderKind.MANUAL) {
                inbox.endpointFor(kind.wireName());
            }
            return view(kind);
        });
    }

    private ProviderView view(PaymentProviderKind kind) {
        return settings.find(kind)
                .map(s -> new ProviderView(
                        kind,
                        s.enabled(),
                        s.publishableKey(),
                        s.accountId(),
                        s.serverUrl(),
                        secret(s.secretKeyLast4()),
                        secret(s.webhookSecretLast4()),
                        webhookPath(kind),
                        s.updatedAt()))
                .orElseGet(() -> new ProviderView(
                        kind,
                        kind == PaymentProviderKind.MANUAL,
                        null,
                        null,
                        null,
                        secret(null),
                        secret(null),
                        null,
                        null));
    }

    /** Where the provider must send this tenant's events; its random id is the only tenant hint. */
    private String webhookPath(PaymentProviderKind kind) {
        return inbox.existingEndpoint(kind.wireName())
                .map(id -> "/api/v1/webhooks/" + kind.wireName() + "/" + id)
                .orElse(null);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static SecretView secret(String last4) {
        return new SecretView(last4 != null, last4);
    }

    static PaymentProviderKind kind(String provider) {
        try {
            return PaymentProviderKind.valueOf(provider.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.NOT_FOUND, "The resource does not exist.");
        }
    }
}
