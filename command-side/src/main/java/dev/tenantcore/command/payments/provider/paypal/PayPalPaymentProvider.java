package dev.tenantcore.command.payments.provider.paypal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.MinorUnits;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.command.payments.provider.PaymentProvider;
import dev.tenantcore.command.payments.provider.ProviderCredentials;
import dev.tenantcore.infra.http.OutboundHttp;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * PayPal through the Orders v2 REST API (PayPal ships no server SDK we can use here): an order per
 * payment, captured by us once the buyer approves it, refunds against its capture, and webhooks
 * verified by PayPal's own verify-webhook-signature call. The tenant's settings carry the REST app's
 * client id (publishableKey), its secret (secretKey) and the webhook's id (webhookSecret), which
 * PayPal needs to verify a delivery. {@code app.payments.paypal.api-base} points the calls
 * elsewhere (the sandbox, or a local stub in tests); it is read per call.
 */
@Component
class PayPalPaymentProvider implements PaymentProvider {

    private static final Logger log = LoggerFactory.getLogger(PayPalPaymentProvider.class);
    static final String API_BASE_PROPERTY = "app.payments.paypal.api-base";
    private static final String DEFAULT_API_BASE = "https://api-m.paypal.com";
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    /** A token is used only while it has this much life left, so it cannot expire on the wire. */
    private static final Duration TOKEN_MARGIN = Duration.ofSeconds(60);
    /** PayPal takes whole amounts only in these, though ISO 4217 gives them two decimals. */
    private static final Set<String> WHOLE_AMOUNTS_ONLY = Set.of("HUF", "TWD");

    private static final List<String> SIGNATURE_HEADERS = List.of(
            "paypal-transmission-id",
            "paypal-transmission-time",
            "paypal-transmission-sig",
            "paypal-cert-url",
            "paypal-auth-algo");

    private final Environment env;
    private final ObjectMapper json;
    private final Clock clock;
    private final RestClient http;

    /**
     * Access tokens by a digest of API base, client id and secret: a tenant that enters another
     * tenant's client id with a wrong secret must not be handed that tenant's token.
     */
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    private record Token(String value, Instant expires) {}

    @Autowired
    PayPalPaymentProvider(Environment env, OutboundHttp outbound, ObjectMapper json) {
        this(env, outbound, json, Clock.systemUTC());
    }

    PayPalPaymentProvider(Environment env, OutboundHttp outbound, ObjectMapper json, Clock clock) {
        this.env = env;
        this.json = json;
        this.clock = clock;
        this.http = outbound.client("tenantcore-payments", outbound.defaults())
                .restClient()
                .build();
    }

    @Override
    public PaymentProviderKind kind() {
        return PaymentProviderKind.PAYPAL;
    }

    @Override
    public ProviderPayment create(ProviderCredentials credentials, PaymentId paymentId, Money amount) {
        ObjectNode body = json.createObjectNode().put("intent", "CAPTURE");
        body.putArray("purchase_units")
                .addObject()
                .put("custom_id", paymentId.toString())
                .set("amount", amount(amount));
        JsonNode order = call(
                "create an order",
                credentials,
                token -> http.post()
                        .uri(apiBase() + "/v2/checkout/orders")
                        .headers(h -> h.setBearerAuth(token))
                        .header("PayPal-Request-Id", "payment-" + paymentId)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(body.toString())
                        .retrieve()
                        .body(JsonNode.class));
        return payment(order);
    }

    @Override
    public ProviderPayment retrieve(ProviderCredentials credentials, String providerPaymentId) {
        return payment(order(credentials, providerPaymentId));
    }

    @Override
    public void refund(ProviderCredentials credentials, String providerPaymentId, Money amount, UUID refundId) {
        // PayPal refunds captures, not orders: the order names its capture once it was captured.
        String captureId = order(credentials, providerPaymentId)
                .path("purchase_units")
                .path(0)
                .path("payments")
                .path("captures")
                .path(0)
                .path("id")
                .asText(null);
        if (captureId == null) {
            throw new DomainException(ErrorCode.INVALID_STATE, "The PayPal order has not been captured.");
        }
        ObjectNode body = json.createObjectNode();
        body.set("amount", amount(amount));
        // One key per refund the payment recorded: a retry of the same refund is answered with the
        // first result, while a second refund of the same amount is a refund of its own.
        String requestId = "refund-" + refundId;
        call(
                "refund a capture",
                credentials,
                token -> http.post()
                        .uri(apiBase() + "/v2/payments/captures/{id}/refund", captureId)
                        .headers(h -> h.setBearerAuth(token))
                        .header("PayPal-Request-Id", requestId)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(body.toString())
                        .retrieve()
                        .body(JsonNode.class));
    }

    /**
     * Orders v2 has no call that cancels an order: one that is created or approved but never
     * captured moves no money and expires at PayPal by itself. Closing one here therefore sends
     * nothing. What keeps a late buyer from paying is that we never capture it: the approval of a
     * given-up payment is refused by the payment, and only an accepted approval is captured (see
     * {@link #afterAuthorized}); a capture that completed before the payment was given up is
     * refunded by the payment when PayPal reports it.
     */
    @Override
    public void cancel(ProviderCredentials credentials, String providerPaymentId) {
        log.debug("PayPal order {} is left to expire uncaptured", providerPaymentId);
    }

    /**
     * Captures an approved order: with intent CAPTURE the buyer's approval moves no money until the
     * merchant asks. Idempotent per order, so a redelivered approval captures nothing twice.
     */
    @Override
    public Optional<ProviderEvent> afterAuthorized(ProviderCredentials credentials, String providerPaymentId) {
        JsonNode order;
        try {
            order = exchange(
                    "capture an order",
                    credentials,
                    token -> http.post()
                            .uri(apiBase() + "/v2/checkout/orders/{id}/capture", providerPaymentId)
                            .headers(h -> h.setBearerAuth(token))
                            .header("PayPal-Request-Id", "capture-" + providerPaymentId)
                            .contentType(MediaType.APPLICATION_JSON)
                            .body("{}")
                            .retrieve()
                            .body(JsonNode.class));
        } catch (Refused e) {
            if (e.issue("ORDER_ALREADY_CAPTURED")) {
                // Captured before (PayPal remembers request ids for hours only): PAYMENT.CAPTURE.COMPLETED
                // tells the rest.
                return Optional.empty();
            }
            throw failed();
        }
        JsonNode capture = order.path("purchase_units")
                .path(0)
                .path("payments")
                .path("captures")
                .path(0);
        String captureId = capture.path("id").asText(null);
        if (captureId == null) {
            return Optional.empty();
        }
        // The capture's own id names this outcome, so replaying it is recognized like any event.
        return switch (capture.path("status").asText("")) {
            case "COMPLETED" ->
                Optional.of(new ProviderEvent(captureId, providerPaymentId, Outcome.SUCCEEDED, null, null));
            case "DECLINED", "FAILED" ->
                Optional.of(new ProviderEvent(
                        captureId, providerPaymentId, Outcome.FAILED, null, "PayPal declined the capture."));
            // PENDING (an eCheck, a review): PAYMENT.CAPTURE.COMPLETED or DENIED follows.
            default -> Optional.empty();
        };
    }

    @Override
    public ProviderEvent verifyWebhook(ProviderCredentials credentials, Map<String, String> headers, String payload) {
        if (credentials.webhookSecret() == null || SIGNATURE_HEADERS.stream().anyMatch(h -> isBlank(headers.get(h)))) {
            throw unverified();
        }
        Instant sent = transmissionTime(headers.get("paypal-transmission-time"));
        Instant now = clock.instant();
        if (sent.isBefore(now.minus(TOLERANCE)) || sent.isAfter(now.plus(TOLERANCE))) {
            throw unverified();
        }
        JsonNode event;
        try {
            event = json.readTree(payload);
        } catch (IOException e) {
            throw unverified();
        }
        if (event == null || !event.isObject()) {
            throw unverified();
        }
        ObjectNode request = json.createObjectNode()
                .put("auth_algo", headers.get("paypal-auth-algo"))
                .put("cert_url", headers.get("paypal-cert-url"))
                .put("transmission_id", headers.get("paypal-transmission-id"))
                .put("transmission_sig", headers.get("paypal-transmission-sig"))
                .put("transmission_time", headers.get("paypal-transmission-time"))
                .put("webhook_id", credentials.webhookSecret());
        // The event exactly as delivered (checked above to be a JSON object): PayPal verifies the
        // signature over the bytes it sent, which re-serializing could change.
        request.putRawValue("webhook_event", new RawValue(payload));
        JsonNode verification;
        try {
            verification = exchange(
                    "verify a webhook",
                    credentials,
                    token -> http.post()
                            .uri(apiBase() + "/v1/notifications/verify-webhook-signature")
                            .headers(h -> h.setBearerAuth(token))
                            .contentType(MediaType.APPLICATION_JSON)
                            .body(request.toString())
                            .retrieve()
                            .body(JsonNode.class));
        } catch (Refused e) {
            // PayPal rejected the request itself (a malformed header, say): as unverified as FAILURE.
            throw unverified();
        }
        if (!"SUCCESS".equals(verification.path("verification_status").asText())) {
            throw unverified();
        }
        return event(credentials, event);
    }

    /** What a verified event means; its id makes redeliveries recognizable. */
    private ProviderEvent event(ProviderCredentials credentials, JsonNode event) {
        String id = event.path("id").asText(null);
        if (id == null) {
            throw new DomainException(ErrorCode.MALFORMED_REQUEST, "The webhook event has no id.");
        }
        JsonNode resource = event.path("resource");
        return switch (event.path("event_type").asText("")) {
            case "CHECKOUT.ORDER.APPROVED" ->
                new ProviderEvent(id, resource.path("id").asText(null), Outcome.AUTHORIZED, null, null);
            case "PAYMENT.CAPTURE.COMPLETED" -> new ProviderEvent(id, orderOf(resource), Outcome.SUCCEEDED, null, null);
            case "PAYMENT.CAPTURE.DENIED", "PAYMENT.CAPTURE.DECLINED" ->
                new ProviderEvent(id, orderOf(resource), Outcome.FAILED, null, declined(resource));
            case "PAYMENT.CAPTURE.REFUNDED" -> refunded(credentials, id, resource);
            default -> new ProviderEvent(id, null, Outcome.IGNORED, null, null);
        };
    }

    /**
     * The event's resource is the refund, which names neither the order nor whether anything is
     * left; both come from the capture it links to ("up"), as PayPal reports them now. Only a capture
     * refunded in full is mapped; a partial refund is acknowledged and left to staff, as the aggregate
     * records refunds by amount.
     */
    private ProviderEvent refunded(ProviderCredentials credentials, String eventId, JsonNode refund) {
        ProviderEvent ignored = new ProviderEvent(eventId, null, Outcome.IGNORED, null, null);
        String captureId = null;
        for (JsonNode link : refund.path("links")) {
            String href = link.path("href").asText("");
            int at = href.lastIndexOf("/captures/");
            if ("up".equals(link.path("rel").asText()) && at >= 0) {
                captureId = href.substring(at + "/captures/".length());
            }
        }
        if (captureId == null || !captureId.matches("[A-Za-z0-9]{1,64}")) {
            return ignored;
        }
        String id = captureId;
        JsonNode capture = call(
                "read a capture",
                credentials,
                token -> http.get()
                        .uri(apiBase() + "/v2/payments/captures/{id}", id)
                        .headers(h -> h.setBearerAuth(token))
                        .retrieve()
                        .body(JsonNode.class));
        String order = orderOf(capture);
        if (!"REFUNDED".equals(capture.path("status").asText()) || order == null) {
            return ignored;
        }
        return new ProviderEvent(eventId, order, Outcome.REFUNDED, minor(capture.path("amount")), null);
    }

    private static String declined(JsonNode capture) {
        String reason = capture.path("status_details").path("reason").asText(null);
        return reason == null ? "PayPal declined the capture." : "PayPal declined the capture: " + reason + ".";
    }

    private static String orderOf(JsonNode capture) {
        return capture.path("supplementary_data")
                .path("related_ids")
                .path("order_id")
                .asText(null);
    }

    private JsonNode order(ProviderCredentials credentials, String orderId) {
        return call(
                "read an order",
                credentials,
                token -> http.get()
                        .uri(apiBase() + "/v2/checkout/orders/{id}", orderId)
                        .headers(h -> h.setBearerAuth(token))
                        .retrieve()
                        .body(JsonNode.class));
    }

    private static ProviderPayment payment(JsonNode order) {
        String approve = null;
        for (JsonNode link : order.path("links")) {
            String rel = link.path("rel").asText();
            if ("approve".equals(rel) || "payer-action".equals(rel)) {
                approve = link.path("href").asText(null);
            }
        }
        return new ProviderPayment(order.path("id").asText(null), null, approve);
    }

    /** PayPal's amount: a decimal string with exactly the currency's digits (USD 12.34, JPY 1234). */
    private ObjectNode amount(Money money) {
        return json.createObjectNode().put("currency_code", money.currency()).put("value", decimal(money));
    }

    static String decimal(Money money) {
        BigDecimal value = money.toDecimal();
        if (WHOLE_AMOUNTS_ONLY.contains(money.currency())) {
            try {
                return value.setScale(0).toPlainString();
            } catch (ArithmeticException e) {
                throw new DomainException(
                        ErrorCode.VALIDATION_FAILED, "PayPal takes only whole amounts of " + money.currency() + ".");
            }
        }
        return value.toPlainString();
    }

    /** The minor units of a PayPal amount, or null when it does not read as one. */
    private static Long minor(JsonNode amount) {
        try {
            return MinorUnits.fromDecimal(
                    amount.path("value").asText(), amount.path("currency_code").asText());
        } catch (DomainException e) {
            return null;
        }
    }

    private static Instant transmissionTime(String header) {
        try {
            return OffsetDateTime.parse(header).toInstant();
        } catch (DateTimeParseException e) {
            throw unverified();
        }
    }

    private interface Call {
        JsonNode with(String token);
    }

    /** PayPal refused the request itself (4xx other than 401), with its error details. */
    private static final class Refused extends RuntimeException {
        private final transient JsonNode error;

        Refused(JsonNode error) {
            super(null, null, false, false);
            this.error = error;
        }

        boolean issue(String issue) {
            for (JsonNode detail : error.path("details")) {
                if (issue.equals(detail.path("issue").asText())) {
                    return true;
                }
            }
            return false;
        }
    }

    /** An API call whose every failure is the provider's. */
    private JsonNode call(String action, ProviderCredentials credentials, Call call) {
        try {
            return exchange(action, credentials, call);
        } catch (Refused e) {
            throw failed();
        }
    }

    /**
     * One API call with a bearer token for the tenant's app. Failures are logged with PayPal's
     * error name and debug id (what PayPal support asks for), never a credential.
     *
     * @throws Refused when PayPal rejects the request as such, for the caller to judge
     */
    private JsonNode exchange(String action, ProviderCredentials credentials, Call call) {
        if (isBlank(credentials.publishableKey()) || isBlank(credentials.secretKey())) {
            log.warn("PayPal could not {}: no client id or secret set", action);
            throw failed();
        }
        String cacheKey = cacheKey(credentials);
        try {
            JsonNode answer = call.with(token(action, credentials, cacheKey));
            if (answer == null) {
                throw new RestClientException("empty response");
            }
            return answer;
        } catch (RestClientResponseException e) {
            int status = e.getStatusCode().value();
            JsonNode error = errorBody(e);
            log.warn(
                    "PayPal could not {}: {} {} (debug id {})",
                    action,
                    status,
                    error.path("name").asText(""),
                    error.path("debug_id").asText(""));
            if (status == 401) {
                // Revoked or expired early: the next call asks for a fresh token.
                tokens.remove(cacheKey);
            } else if (e.getStatusCode().is4xxClientError()) {
                throw new Refused(error);
            }
            throw failed();
        } catch (RestClientException e) {
            log.warn("PayPal could not {}: {}", action, e.getClass().getSimpleName());
            throw failed();
        }
    }

    private String token(String action, ProviderCredentials credentials, String cacheKey) {
        Instant now = clock.instant();
        Token cached = tokens.get(cacheKey);
        if (cached != null && cached.expires().isAfter(now.plus(TOKEN_MARGIN))) {
            return cached.value();
        }
        String basic = Base64.getEncoder()
                .encodeToString((credentials.publishableKey() + ":" + credentials.secretKey())
                        .getBytes(StandardCharsets.UTF_8));
        JsonNode answer;
        try {
            answer = http.post()
                    .uri(apiBase() + "/v1/oauth2/token")
                    .header(HttpHeaders.AUTHORIZATION, "Basic " + basic)
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body("grant_type=" + URLEncoder.encode("client_credentials", StandardCharsets.UTF_8))
                    .retrieve()
                    .body(JsonNode.class);
        } catch (RestClientResponseException e) {
            log.warn(
                    "PayPal issued no access token to {}: {}",
                    action,
                    e.getStatusCode().value());
            throw failed();
        }
        String token = answer == null ? null : answer.path("access_token").asText(null);
        if (token == null) {
            throw failed();
        }
        tokens.values().removeIf(t -> !t.expires().isAfter(now));
        tokens.put(
                cacheKey,
                new Token(token, now.plusSeconds(answer.path("expires_in").asLong(0))));
        return token;
    }

    private JsonNode errorBody(RestClientResponseException e) {
        try {
            JsonNode body = json.readTree(e.getResponseBodyAsString());
            return body == null ? json.createObjectNode() : body;
        } catch (IOException | RuntimeException ignored) {
            return json.createObjectNode();
        }
    }

    private String cacheKey(ProviderCredentials credentials) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((apiBase() + "\n" + credentials.publishableKey() + "\n" + credentials.secretKey())
                            .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String apiBase() {
        return env.getProperty(API_BASE_PROPERTY, DEFAULT_API_BASE);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static DomainException failed() {
        return new DomainException(ErrorCode.PAYMENT_PROVIDER_FAILED, "The payment provider refused the request.");
    }

    /** Missing, forged and stale deliveries all get the same answer, and nothing about which. */
    private static DomainException unverified() {
        return new DomainException(ErrorCode.INVALID_SIGNATURE, "The webhook signature does not verify.");
    }
}
