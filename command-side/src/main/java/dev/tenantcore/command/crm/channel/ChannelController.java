package dev.tenantcore.command.crm.channel;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.crm.conversation.ChannelId;
import dev.tenantcore.api.crm.conversation.ChannelKind;
import dev.tenantcore.api.crm.conversation.ConnectChannelCommand;
import dev.tenantcore.api.crm.conversation.DisconnectChannelCommand;
import dev.tenantcore.api.crm.conversation.UpdateChannelCommand;
import dev.tenantcore.command.common.CommandHeaders;
import dev.tenantcore.infra.web.ProblemResponses;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Owners and managers connect, change, list, validate and disconnect the tenant's messaging
 * channels. Secrets are written, never read back: a view names the secrets that are set. A
 * change is a command to the channel's {@link ChannelConnection}, whose events record it without the
 * secrets. Where the service takes its webhook address over its API (Telegram), saving registers it,
 * after the command's transaction; {@code webhook.registered} says whether that worked.
 *
 * <p>The handler methods are public because method security is enforced by a proxy.
 */
@RestController
@RequestMapping("/api/v1/channels")
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
class ChannelController {

    static final String WEBHOOK_PATH = "/api/v1/webhooks/channels/";

    private static final Logger log = LoggerFactory.getLogger(ChannelController.class);

    private final CommandGateway commands;
    private final ChannelDirectory directory;
    private final ChannelDrivers drivers;
    private final TransactionTemplate tx;
    private final Environment env;
    private final ChannelHealth health;

    ChannelController(
            CommandGateway commands,
            ChannelDirectory directory,
            ChannelDrivers drivers,
            PlatformTransactionManager transactionManager,
            Environment env,
            ChannelHealth health) {
        this.health = health;
        this.commands = commands;
        this.directory = directory;
        this.drivers = drivers;
        this.tx = new TransactionTemplate(transactionManager);
        this.env = env;
    }

    /** {@code app.channels.public-url}: where providers reach this API, without a trailing slash; empty when unset. */
    private String publicUrl() {
        return publicUrl(env);
    }

    /** {@code app.channels.public-url} without a trailing slash; empty when unset. */
    static String publicUrl(Environment env) {
        String url = env.getProperty("app.channels.public-url", "");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    record ConnectChannelRequest(
            @NotNull ChannelKind kind,

            @NotNull @Size(min = 1, max = ChannelConnection.NAME_LENGTH)
            String name,

            @Size(max = 100) String accountId,
            @Size(max = 10) Map<String, @NotNull @Size(min = 8, max = 1000) String> secrets,
            @Size(max = 20) Map<String, @NotNull @Size(max = 320) String> settings) {

        @Override
        public String toString() {
            return "ConnectChannelRequest[kind=" + kind + ", name=" + name + "]";
        }
    }

    record UpdateChannelRequest(
            @Size(min = 1, max = ChannelConnection.NAME_LENGTH)
            String name,

            @Size(min = 1, max = 100) String accountId,
            @Size(max = 10) Map<String, @NotNull @Size(min = 8, max = 1000) String> secrets,
            @Size(max = 20) Map<String, @NotNull @Size(max = 320) String> settings) {

        @Override
        public String toString() {
            return "UpdateChannelRequest[name=" + name + "]";
        }
    }

    /**
     * Where the provider must deliver: {@code path} on this API, {@code url} in full when {@code
     * app.channels.public-url} is set. {@code registrationError}, on a save only: why telling the
     * provider failed (null when it worked or the provider is registered by hand). All three null for
     * a channel that fetches its deliveries itself (email), which has no webhook.
     */
    record WebhookView(String path, String url, String registrationError) {}

    record ChannelView(
            ChannelId id,
            ChannelKind kind,
            String name,
            String accountId,
            List<String> secretsSet,
            Map<String, String> settings,
            WebhookView webhook,
            Instant createdAt,
            Instant updatedAt,
            @JsonIgnore long version) {}

    record ChannelList(List<ChannelView> items) {}

    /** What the provider's identity endpoint answered for the channel's credentials. */
    record ValidationView(ChannelId id, boolean valid, String providerId, String displayName) {}

    /**
     * How a channel is doing: when a verified delivery last reached it, when a customer last wrote
     * and a message last went out, the last thing that went wrong (when, and what: our wording or the
     * provider's reason, never a secret or a request), and its sends over the last 24 hours ({@code
     * failureRate} = failed / sends, null without sends). Staff and auditors read it too.
     */
    record ChannelHealthView(
            ChannelId id,
            Instant webhookLastSeenAt,
            Instant lastInboundAt,
            Instant lastOutboundAt,
            Instant lastErrorAt,
            String lastError,
            int sends24h,
            int failedSends24h,
            Double failureRate) {}

    @GetMapping("/{id}/health")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'STAFF', 'AUDITOR')")
    public ChannelHealthView health(@PathVariable UUID id) {
        ChannelId channel = new ChannelId(id);
        return tx.execute(s -> {
            directory.find(channel).orElseThrow(ChannelController::missing);
            ChannelHealth.Report report = health.report(channel, Instant.now());
            return new ChannelHealthView(
                    channel,
                    report.webhookLastSeenAt(),
                    report.lastInboundAt(),
                    report.lastOutboundAt(),
                    report.lastErrorAt(),
                    report.lastError(),
                    report.sends24h(),
                    report.failedSends24h(),
                    report.failureRate());
        });
    }

    @GetMapping
    public ChannelList list() {
        return new ChannelList(tx.execute(s ->
                directory.list().stream().map(channel -> view(channel, null)).toList()));
    }

    @GetMapping("/{id}")
    public ResponseEntity<ChannelView> get(@PathVariable UUID id) {
        ChannelView view = tx.execute(s -> directory.find(new ChannelId(id)).map(c -> view(c, null)))
                .orElseThrow(ChannelController::missing);
        return ResponseEntity.ok().eTag("\"" + view.version() + "\"").body(view);
    }

    @PostMapping
    @ProblemResponses(502)
    public ResponseEntity<ChannelView> connect(@Valid @RequestBody ConnectChannelRequest body) {
        ChannelId id = ChannelId.random();
        commands.sendAndWait(new ConnectChannelCommand(
                id, body.kind(), body.name(), body.accountId(), body.secrets(), body.settings()));
        ChannelView view = register(id);
        return ResponseEntity.created(URI.create("/api/v1/channels/" + id))
                .eTag("\"" + view.version() + "\"")
                .body(view);
    }

    /** Changes the name, account id or secrets; {@code If-Match} guards against a lost update. */
    @PatchMapping("/{id}")
    public ResponseEntity<ChannelView> update(
            @PathVariable UUID id, @Valid @RequestBody UpdateChannelRequest body, CommandHeaders headers) {
        ChannelId channel = new ChannelId(id);
        commands.sendAndWait(new UpdateChannelCommand(
                channel, headers.expectedVersion(), body.name(), body.accountId(), body.secrets(), body.settings()));
        ChannelView view = body.secrets() == null || body.secrets().isEmpty()
                ? tx.execute(s -> directory.find(channel).map(c -> view(c, null)))
                        .orElseThrow(ChannelController::missing)
                : register(channel);
        return ResponseEntity.ok().eTag("\"" + view.version() + "\"").body(view);
    }

    /** Disconnects the channel: its secrets are erased and deliveries to its endpoint refused. */
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> disconnect(@PathVariable UUID id) {
        commands.sendAndWait(new DisconnectChannelCommand(new ChannelId(id)));
        return ResponseEntity.noContent().build();
    }

    /** Asks the provider who the channel's credentials are; a refusal answers {@code 502 channel_provider_failed}. */
    @PostMapping("/{id}/validate")
    @ProblemResponses(502)
    public ValidationView validate(@PathVariable UUID id) {
        ChannelId channel = new ChannelId(id);
        ChannelDirectory.Channel settings =
                tx.execute(s -> directory.find(channel)).orElseThrow(ChannelController::missing);
        ChannelCredentials credentials =
                tx.execute(s -> directory.credentials(channel)).orElseThrow(ChannelController::missing);
        ChannelDriver driver = drivers.find(settings.kind()).orElseThrow(ChannelController::missing);
        try {
            ChannelIdentity identity = driver.validate(credentials);
            return new ValidationView(channel, true, identity.id(), identity.displayName());
        } catch (ChannelUnavailableException e) {
            tx.executeWithoutResult(s -> health.failed(channel, "Validation: " + e.getMessage(), Instant.now()));
            throw ProviderAnswers.refused(e.getMessage());
        } catch (DomainException e) {
            tx.executeWithoutResult(s -> health.failed(channel, "Validation: " + e.getMessage(), Instant.now()));
            throw e;
        }
    }

    /** Tells the provider the channel's webhook URL, outside any transaction, where the provider takes it. */
    private ChannelView register(ChannelId id) {
        ChannelDirectory.Channel channel = tx.execute(s -> directory.find(id)).orElseThrow(ChannelController::missing);
        ChannelDriver driver = drivers.find(channel.kind()).orElseThrow(ChannelController::missing);
        String error = null;
        String publicUrl = publicUrl();
        if (!driver.webhooks()) {
            // Nothing to register: the channel fetches its deliveries itself.
        } else if (publicUrl.isEmpty()) {
            error = "app.channels.public-url is not set: register the webhook URL by hand.";
        } else {
            ChannelCredentials credentials =
                    tx.execute(s -> directory.credentials(id)).orElseThrow(ChannelController::missing);
            try {
                driver.register(credentials, publicUrl + WEBHOOK_PATH + channel.endpointId());
            } catch (DomainException | ChannelUnavailableException e) {
                log.warn("registering the webhook of channel {} failed: {}", id, e.getMessage());
                error = e.getMessage();
                String failure = "Webhook registration: " + e.getMessage();
                tx.executeWithoutResult(s -> health.failed(id, failure, Instant.now()));
            }
        }
        String reason = error;
        return tx.execute(s -> view(channel, reason));
    }

    private ChannelView view(ChannelDirectory.Channel channel, String error) {
        List<String> secrets = directory
                .credentials(channel.id())
                .map(c -> c.secrets().keySet().stream().sorted().toList())
                .orElse(List.of());
        String path = channel.endpointId() == null ? null : WEBHOOK_PATH + channel.endpointId();
        String publicUrl = publicUrl();
        boolean webhooks =
                drivers.find(channel.kind()).map(ChannelDriver::webhooks).orElse(true);
        return new ChannelView(
                channel.id(),
                channel.kind(),
                channel.name(),
                channel.accountId(),
                secrets,
                channel.settings(),
                webhooks
                        ? new WebhookView(path, publicUrl.isEmpty() || path == null ? null : publicUrl + path, error)
                        : new WebhookView(null, null, null),
                channel.createdAt(),
                channel.updatedAt(),
                channel.version());
    }

    private static DomainException missing() {
        return new DomainException(ErrorCode.NOT_FOUND, "The channel does not exist.");
    }
}
