package dev.tenantcore.command.payments.settings;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.payments.ChangePaymentProviderSettingsCommand;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.api.payments.PaymentProviderSettingsId;
import dev.tenantcore.api.payments.SetUpPaymentProviderCommand;
import dev.tenantcore.command.common.CommandHeaders;
import dev.tenantcore.command.payments.provider.btcpay.BtcPayServers;
import dev.tenantcore.infra.tenancy.TenantContext;
import dev.tenantcore.infra.webhooks.WebhookInbox;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
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
 * whether each is set and its last four characters. A change is a command to the provider's
 * {@link PaymentProviderConfiguration}, whose events record who changed which setting when.
 */
@RestController
@RequestMapping("/api/v1/payment-providers")
class PaymentProviderSettingsController {

    private final PaymentProviderSettings settings;
    private final WebhookInbox inbox;
    private final BtcPayServers btcPayServers;
    private final TransactionTemplate tx;
    private final CommandGateway commands;

    PaymentProviderSettingsController(
            CommandGateway commands,
            PaymentProviderSettings settings,
            WebhookInbox inbox,
            BtcPayServers btcPayServers,
            PlatformTransactionManager transactionManager) {
        this.commands = commands;
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
            @Size(max = 2048) String serverUrl,
            @Size(max = 2) List<@NotNull @Pattern(regexp = "secretKey|webhookSecret") String> clearSecrets) {}

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
            Instant updatedAt,
            @JsonIgnore long version) {}

    record ProviderList(List<ProviderView> items) {}

    @GetMapping
    @PreAuthorize("hasRole('OWNER')")
    public ProviderList list() {
        return tx.execute(status -> new ProviderList(
                Arrays.stream(PaymentProviderKind.values()).map(this::view).toList()));
    }

    /**
     * Sets the provider up, or changes its settings. With {@code If-Match} the change applies only
     * to that version; the answer's {@code ETag} is the new one.
     */
    @PutMapping("/{provider}")
    @PreAuthorize("hasRole('OWNER')")
    public ResponseEntity<ProviderView> put(
            @PathVariable String provider, @Valid @RequestBody SettingsRequest body, CommandHeaders headers) {
        PaymentProviderKind kind = kind(provider);
        // Resolved before the command: a slow DNS answer must not hold a database connection.
        String serverUrl = body.serverUrl() == null ? null : btcPayServers.validate(body.serverUrl());
        TenantId tenant = TenantContext.current()
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "The resource does not exist."));
        PaymentProviderSettingsId id = PaymentProviderSettingsId.of(tenant, kind);
        Map<String, String> secrets = new LinkedHashMap<>();
        if (body.secretKey() != null) {
            secrets.put("secretKey", body.secretKey());
        }
        if (body.webhookSecret() != null) {
            secrets.put("webhookSecret", body.webhookSecret());
        }
        boolean exists = Boolean.TRUE.equals(tx.execute(status -> settings.exists(kind)));
        if (exists) {
            commands.sendAndWait(new ChangePaymentProviderSettingsCommand(
                    id,
                    headers.expectedVersion(),
                    body.enabled(),
                    body.publishableKey(),
                    body.accountId(),
                    serverUrl,
                    secrets,
                    body.clearSecrets() == null ? Set.of() : Set.copyOf(body.clearSecrets())));
        } else {
            commands.sendAndWait(new SetUpPaymentProviderCommand(
                    id, kind, body.enabled(), body.publishableKey(), body.accountId(), serverUrl, secrets));
        }
        ProviderView view = tx.execute(status -> {
            if (kind != PaymentProviderKind.MANUAL) {
                inbox.endpointFor(kind.wireName());
            }
            return view(kind);
        });
        return ResponseEntity.ok().eTag("\"" + view.version() + "\"").body(view);
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
                        s.updatedAt(),
                        s.version()))
                .orElseGet(() -> new ProviderView(
                        kind,
                        kind == PaymentProviderKind.MANUAL,
                        null,
                        null,
                        null,
                        secret(null),
                        secret(null),
                        null,
                        null,
                        -1L));
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
