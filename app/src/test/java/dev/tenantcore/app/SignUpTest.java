package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.ApiTest;
import dev.tenantcore.app.support.TestClock;
import dev.tenantcore.command.tenancy.SignUpVerificationIssued;
import dev.tenantcore.infra.mail.MailTemplate;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Self-serve sign-up over HTTP: a pending tenant on the CRM-only plan with its platform subdomain,
 * verified by its owner's email token, then a trial that ends. Every sign-up comes from an address
 * of its own (the tests are a trusted proxy), so the real 3-per-hour limit applies to each test.
 */
class SignUpTest extends ApiTest {

    private static final String BASE_DOMAIN = "tenantcore.test";
    private static final String PASSWORD = "signup-password-1";

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    private final List<SignUpVerificationIssued> mails = new CopyOnWriteArrayList<>();
    private final ApplicationListener<PayloadApplicationEvent<SignUpVerificationIssued>> inbox =
            event -> mails.add(event.getPayload());

    @BeforeEach
    void openInbox() {
        context.addApplicationListener(inbox);
    }

    @AfterEach
    void closeInboxAndPutTheClockBack() {
        context.removeApplicationListener(inbox);
        clock.reset();
    }

    private record SignedUp(String tenantId, String slug, String domain, String email, String token) {}

    private static String freshSlug() {
        return "acme-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String freshAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "203.0." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
    }

    private Api.Response signUpRequest(String slug, String address) {
        return api.post("/api/v1/signup")
                .header("X-Forwarded-For", address)
                .json(Map.of(
                        "name",
                        "Acme " + slug,
                        "slug",
                        slug,
                        "industry",
                        "Retail",
                        "email",
                        "owner@" + slug + ".example",
                        "password",
                        PASSWORD,
                        "displayName",
                        "Ann Owner"))
                .send();
    }

    private SignedUp signUp() {
        String slug = freshSlug();
        Api.Response response = signUpRequest(slug, freshAddress());
        response.assertStatus(202);
        String tenantId = response.json().get("tenantId").asText();
        String email = "owner@" + slug + ".example";
        SignUpVerificationIssued mail = mails.stream()
                .filter(m -> m.tenantId().toString().equals(tenantId))
                .findFirst()
                .orElseThrow();
        assertThat(mail.email()).isEqualTo(email);
        return new SignedUp(tenantId, slug, slug + "." + BASE_DOMAIN, email, mail.token());
    }

    private Api.Response verify(String token) {
        return api.post("/api/v1/signup/verification")
                .json(Map.of("token", token))
                .send();
    }

    private Api.Response login(SignedUp tenant) {
        return api.post("/api/v1/auth/login")
                .origin(tenant.domain())
                .json(Map.of("email", tenant.email(), "password", PASSWORD))
                .send();
    }

    /** The edge follows the tenant projection a moment behind: waits for the answer a state gives. */
    private Api.Response awaitLogin(SignedUp tenant, int status) {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> login(tenant), r -> r.status() == status);
    }

    private String ownerToken(SignedUp tenant) {
        return awaitLogin(tenant, 200).json().get("accessToken").asText();
    }

    private Api.Response addStaff(SignedUp tenant, String token) {
        return api.post("/api/v1/users")
                .origin(tenant.domain())
                .bearer(token)
                .json(Map.of(
                        "email",
                                "staff-" + UUID.randomUUID().toString().substring(0, 6) + "@" + tenant.slug()
                                        + ".example",
                        "password", "staff-password-1",
                        "role", "staff"))
                .send();
    }

    private JsonNode asPlatform(String tenantId) {
        return api.get("/api/v1/platform/tenants/" + tenantId)
                .bearer(platform.adminToken())
                .send()
                .json();
    }

    private JsonNode awaitPlatformStatus(String tenantId, String status) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> asPlatform(tenantId),
                        t -> status.equals(t.path("status").asText()));
    }

    @Test
    @DisplayName("sign-up mails the owner a link with the token, and the delivery log never shows the token")
    void verificationIsMailed() {
        SignedUp tenant = signUp();
        Map<String, Object> delivery;
        try (var scope = TenantContext.enter(TenantId.of(tenant.tenantId()), null)) {
            delivery = new TransactionTemplate(transactionManager)
                    .execute(status -> jdbc.queryForMap(
                            "SELECT recipient, model::text AS model, status FROM email_deliveries WHERE template = ?",
                            MailTemplate.EMAIL_VERIFICATION.wireName()));
        }
        assertThat(delivery.get("recipient")).isEqualTo(tenant.email());
        assertThat((String) delivery.get("model")).contains("Ann Owner").doesNotContain(tenant.token());
    }

    @Test
    @DisplayName("sign up, cannot act while pending, verify, the owner signs in and the CRM-only tenant works on "
            + "its platform subdomain")
    void endToEnd() {
        String slug = freshSlug();
        Api.Response response = signUpRequest(slug, freshAddress());
        response.assertStatus(202);
        JsonNode body = response.json();
        assertThat(body.get("status").asText()).isEqualTo("pending");
        assertThat(body.get("domain").asText()).isEqualTo(slug + "." + BASE_DOMAIN);
        String tenantId = body.get("tenantId").asText();
        SignUpVerificationIssued mail = mails.stream()
                .filter(m -> m.tenantId().toString().equals(tenantId))
                .findFirst()
                .orElseThrow();
        assertThat(mail.domain()).isEqualTo(slug + "." + BASE_DOMAIN);
        assertThat(mail.tenantName()).isEqualTo("Acme " + slug);
        assertThat(mail.toString()).doesNotContain(mail.token());
        SignedUp tenant = new SignedUp(tenantId, slug, mail.domain(), mail.email(), mail.token());

        awaitLogin(tenant, 403).assertProblem(403, "tenant_pending");
        api.get("/api/v1/tenant/settings").origin(tenant.domain()).send().assertProblem(403, "tenant_pending");
        JsonNode pending = awaitPlatformStatus(tenantId, "pending");
        assertThat(pending.get("industry").asText()).isEqualTo("Retail");
        assertThat(pending.get("billingStatus").asText()).isEqualTo("ok");
        assertThat(pending.get("modules")).hasSize(1);
        assertThat(pending.get("modules").get(0).asText()).isEqualTo("crm");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE position(? IN convert_from(payload, 'UTF8')) > 0",
                        Long.class,
                        tenant.token().substring(37)))
                .as("events holding the clear token")
                .isZero();

        Instant before = Instant.now();
        Api.Response verified = verify(tenant.token());
        verified.assertStatus(200);
        assertThat(verified.json().get("status").asText()).isEqualTo("trial");
        assertThat(Instant.parse(verified.json().get("trialEndsAt").asText()))
                .isBetween(before.plus(Duration.ofDays(14)), Instant.now().plus(Duration.ofDays(14)));

        String owner = ownerToken(tenant);
        api.get("/api/v1/auth/me").origin(tenant.domain()).bearer(owner).send().assertStatus(200);
        addStaff(tenant, owner).assertStatus(201);
        api.get("/api/v1/products").origin(tenant.domain()).bearer(owner).send().assertProblem(403, "module_disabled");
        JsonNode trial = awaitPlatformStatus(tenantId, "trial");
        assertThat(trial.get("trialEndsAt").asText())
                .isEqualTo(verified.json().get("trialEndsAt").asText());
        JsonNode listed = api.get("/api/v1/platform/tenants?status=trial&q=" + slug)
                .bearer(platform.adminToken())
                .send()
                .json();
        assertThat(listed.get("items")).hasSize(1);
        assertThat(listed.get("items").get(0).get("industry").asText()).isEqualTo("Retail");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"www", "api", "admin", "platform"})
    @DisplayName("a reserved slug is refused with 409 slug_reserved and creates nothing")
    void reservedSlug(String slug) {
        signUpRequest(slug, freshAddress()).assertProblem(409, "slug_reserved");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM platform_unique_keys WHERE key = ?", Long.class, slug))
                .isZero();
    }

    @Test
    @DisplayName("a taken slug is refused with 409 slug_taken, whether a sign-up or the platform took it")
    void takenSlug() {
        SignedUp first = signUp();
        signUpRequest(first.slug(), freshAddress()).assertProblem(409, "slug_taken");
        signUpRequest(platform.newShop().slug(), freshAddress()).assertProblem(409, "slug_taken");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"ab", "-abc", "abc-", "Abc", "a b c", "a.b.c", "äbc", ""})
    @DisplayName("an invalid slug is refused with 400 validation_failed")
    void invalidSlug(String slug) {
        signUpRequest(slug, freshAddress()).assertProblem(400, "validation_failed");
    }

    @Test
    @DisplayName("a slug longer than one DNS label is refused with 400 validation_failed")
    void slugTooLong() {
        signUpRequest("a".repeat(64), freshAddress()).assertProblem(400, "validation_failed");
    }

    @Test
    @DisplayName("three sign-ups an hour per address: the fourth is refused with 429 and creates nothing")
    void rateLimited() {
        String address = freshAddress();
        for (int i = 0; i < 3; i++) {
            signUpRequest(freshSlug(), address).assertStatus(202);
        }
        String fourth = freshSlug();
        Api.Response refused = signUpRequest(fourth, address);
        refused.assertProblem(429, "rate_limited");
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM platform_unique_keys WHERE key = ?", Long.class, fourth))
                .isZero();
        signUpRequest(fourth, freshAddress()).assertStatus(202);
    }

    @Test
    @DisplayName("a token works once: used again it is refused with 400 signup_token_invalid")
    void tokenReuse() {
        SignedUp tenant = signUp();
        verify(tenant.token()).assertStatus(200);
        verify(tenant.token()).assertProblem(400, "signup_token_invalid");
    }

    @Test
    @DisplayName("an expired token is refused, and the tenant stays pending")
    void tokenExpiry() {
        SignedUp tenant = signUp();
        clock.advance(Duration.ofHours(48).plusMinutes(1));
        verify(tenant.token()).assertProblem(400, "signup_token_invalid");
        awaitLogin(tenant, 403).assertProblem(403, "tenant_pending");
    }

    @Test
    @DisplayName("a token verifies only the tenant it was issued for; a token forged from another tenant's id and "
            + "this one's secret, or no token of ours at all, is refused")
    void anotherTenantsToken() {
        SignedUp a = signUp();
        SignedUp b = signUp();
        String forged = b.tenantId() + a.token().substring(36);
        verify(forged).assertProblem(400, "signup_token_invalid");
        verify(UUID.randomUUID() + a.token().substring(36)).assertProblem(400, "signup_token_invalid");
        verify("not-a-token").assertProblem(400, "signup_token_invalid");

        verify(a.token()).assertStatus(200);
        ownerToken(a);
        awaitLogin(b, 403).assertProblem(403, "tenant_pending");
        assertThat(asPlatform(b.tenantId()).get("status").asText()).isEqualTo("pending");
    }

    @Test
    @DisplayName("a trial that ends leaves the tenant readable but refuses its changes with 403 trial_ended, until "
            + "the platform reactivates it")
    void trialEnds() {
        SignedUp tenant = signUp();
        verify(tenant.token()).assertStatus(200);
        ownerToken(tenant);

        clock.advance(Duration.ofDays(14).plusMinutes(1));

        awaitPlatformStatus(tenant.tenantId(), "trial_ended");
        String owner = Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> {
                            Api.Response login = login(tenant);
                            return login.status() == 200
                                    ? Optional.of(
                                            login.json().get("accessToken").asText())
                                    : Optional.<String>empty();
                        },
                        Optional::isPresent)
                .orElseThrow();
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> addStaff(tenant, owner).assertProblem(403, "trial_ended"));
        api.get("/api/v1/tenant/settings")
                .origin(tenant.domain())
                .bearer(owner)
                .send()
                .assertStatus(200);

        api.post("/api/v1/platform/tenants/" + tenant.tenantId() + "/reactivate")
                .bearer(platform.adminToken())
                .send()
                .assertStatus(200);
        awaitPlatformStatus(tenant.tenantId(), "active");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> addStaff(tenant, owner).assertStatus(201));
    }

    @Test
    @DisplayName("an owner cannot claim a name under the platform's domain, which sign-up hands out: 409 domain_taken")
    void platformSubdomainsAreNotClaimed() {
        var shop = platform.newShop();
        String owner = platform.ownerToken(shop);
        for (String name : List.of(freshSlug() + "." + BASE_DOMAIN, BASE_DOMAIN, "www." + BASE_DOMAIN)) {
            api.post("/api/v1/tenant/domains")
                    .in(shop, owner)
                    .json(Map.of("domain", name))
                    .send()
                    .assertProblem(409, "domain_taken");
        }
    }

    private Api.Response resend(Map<String, ?> body, String address) {
        return api.post("/api/v1/signup/resend")
                .header("X-Forwarded-For", address)
                .json(body)
                .send();
    }

    private List<SignUpVerificationIssued> mailsTo(String tenantId) {
        return mails.stream()
                .filter(m -> m.tenantId().toString().equals(tenantId))
                .toList();
    }

    @Test
    @DisplayName("a resend by address mails a new token through the outbox; the old token stops verifying and the "
            + "new one verifies")
    void resendByEmail() {
        SignedUp tenant = signUp();
        resend(Map.of("email", tenant.email().toUpperCase()), freshAddress()).assertStatus(202);

        List<SignUpVerificationIssued> sent = mailsTo(tenant.tenantId());
        assertThat(sent).hasSize(2);
        String newToken = sent.get(1).token();
        assertThat(newToken).isNotEqualTo(tenant.token());
        assertThat(sent.get(1).email()).isEqualTo(tenant.email());
        try (var scope = TenantContext.enter(TenantId.of(tenant.tenantId()), null)) {
            Long queued = new TransactionTemplate(transactionManager)
                    .execute(status -> jdbc.queryForObject(
                            "SELECT count(*) FROM email_deliveries WHERE template = ? AND recipient = ?",
                            Long.class,
                            MailTemplate.EMAIL_VERIFICATION.wireName(),
                            tenant.email()));
            assertThat(queued).as("verification mails queued").isEqualTo(2L);
        }

        verify(tenant.token()).assertProblem(400, "signup_token_invalid");
        verify(newToken).assertStatus(200);
    }

    @Test
    @DisplayName("a resend by slug mails a new token to the owner's address")
    void resendBySlug() {
        SignedUp tenant = signUp();
        resend(Map.of("slug", tenant.slug()), freshAddress()).assertStatus(202);
        List<SignUpVerificationIssued> sent = mailsTo(tenant.tenantId());
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).email()).isEqualTo(tenant.email());
        verify(sent.get(1).token()).assertStatus(200);
    }

    @Test
    @DisplayName("a resend answers the same 202 for an unknown address, an unknown slug and a verified sign-up, "
            + "and mails nothing")
    void resendRevealsNothing() {
        SignedUp verified = signUp();
        verify(verified.token()).assertStatus(200);
        int before = mails.size();

        Api.Response unknownAddress =
                resend(Map.of("email", "nobody-" + UUID.randomUUID() + "@example.com"), freshAddress());
        Api.Response unknownSlug = resend(Map.of("slug", freshSlug()), freshAddress());
        Api.Response verifiedSlug = resend(Map.of("slug", verified.slug()), freshAddress());
        Api.Response verifiedAddress = resend(Map.of("email", verified.email()), freshAddress());

        for (Api.Response answer : List.of(unknownAddress, unknownSlug, verifiedSlug, verifiedAddress)) {
            answer.assertStatus(202);
            assertThat(answer.body()).isEqualTo(unknownAddress.body());
        }
        assertThat(mails).hasSize(before);
    }

    @Test
    @DisplayName("a resend names either the address or the slug: both, neither or a malformed one is 400 "
            + "validation_failed")
    void resendValidation() {
        resend(Map.of(), freshAddress()).assertProblem(400, "validation_failed");
        resend(Map.of("email", "a@example.com", "slug", freshSlug()), freshAddress())
                .assertProblem(400, "validation_failed");
        resend(Map.of("email", "not an address"), freshAddress()).assertProblem(400, "validation_failed");
        resend(Map.of("slug", "No Slug"), freshAddress()).assertProblem(400, "validation_failed");
    }

    @Test
    @DisplayName("three resends an hour per address: the fourth is refused with 429 and mails nothing")
    void resendRateLimited() {
        SignedUp tenant = signUp();
        String address = freshAddress();
        for (int i = 0; i < 3; i++) {
            resend(Map.of("slug", tenant.slug()), address).assertStatus(202);
        }
        resend(Map.of("slug", tenant.slug()), address).assertProblem(429, "rate_limited");
        assertThat(mailsTo(tenant.tenantId())).hasSize(4);
    }

    @Test
    @DisplayName("a sign-up never verified expires after the verification window: its token stops working and its "
            + "slug, domain and address can sign up again")
    void unverifiedSignUpExpires() {
        SignedUp tenant = signUp();
        awaitPlatformStatus(tenant.tenantId(), "pending");

        clock.advance(Duration.ofDays(7).plusMinutes(1));

        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> api.get("/api/v1/platform/tenants/" + tenant.tenantId())
                        .bearer(platform.adminToken())
                        .send()
                        .assertStatus(404));
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM platform_unique_keys WHERE key IN (?, ?)",
                        Long.class,
                        tenant.slug(),
                        tenant.domain()))
                .as("slug and domain claims")
                .isZero();
        verify(tenant.token()).assertProblem(400, "signup_token_invalid");
        resend(Map.of("email", tenant.email()), freshAddress()).assertStatus(202);
        assertThat(mailsTo(tenant.tenantId())).hasSize(1);

        Api.Response again = signUpRequest(tenant.slug(), freshAddress());
        again.assertStatus(202);
        String newTenant = again.json().get("tenantId").asText();
        assertThat(newTenant).isNotEqualTo(tenant.tenantId());
        SignUpVerificationIssued mail = mailsTo(newTenant).get(0);
        assertThat(mail.email()).isEqualTo(tenant.email());
        verify(mail.token()).assertStatus(200);
        awaitPlatformStatus(newTenant, "trial");
        ownerToken(new SignedUp(newTenant, tenant.slug(), tenant.domain(), tenant.email(), mail.token()));
    }

    private static final String SITE = "https://www.tenantcore.test";

    private Api.Response preflight(String origin, String path) {
        return api.options(path)
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .send();
    }

    private static boolean hasCorsHeaders(Api.Response response) {
        return response.headers().keySet().stream()
                .anyMatch(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("access-control-"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/v1/signup", "/api/v1/signup/verification", "/api/v1/signup/resend"})
    @DisplayName("a preflight from the platform's own site is answered for exactly that origin, without credentials")
    void preflightFromPlatformSite(String path) {
        Api.Response answer = preflight(SITE, path);
        answer.assertStatus(200);
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(SITE);
        assertThat(answer.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(answer.header("Access-Control-Allow-Headers").toLowerCase(java.util.Locale.ROOT))
                .contains("content-type");
        assertThat(answer.header("Access-Control-Allow-Credentials")).isNull();
    }

    /** A sign-up as a page on {@code origin} sends it, without the fields it may leave out. */
    private Api.Response signUpFrom(String origin, String slug) {
        return api.post("/api/v1/signup")
                .header("Origin", origin)
                .header("X-Forwarded-For", freshAddress())
                .json(Map.of(
                        "name",
                        "Acme " + slug,
                        "slug",
                        slug,
                        "email",
                        "owner@" + slug + ".example",
                        "password",
                        PASSWORD))
                .send();
    }

    @Test
    @DisplayName("a sign-up from the platform's own site may read its answer")
    void requestFromPlatformSite() {
        String slug = freshSlug();
        Api.Response answer = signUpFrom(SITE, slug);
        answer.assertStatus(202);
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(SITE);
    }

    @Test
    @DisplayName("any other origin, a tenant's domain included, is refused with 403 and no CORS header, preflight or "
            + "not, and signs nobody up")
    void otherOriginsRefused() {
        var shop = platform.newShop();
        for (String origin : List.of(
                "https://evil.test",
                "http://www.tenantcore.test",
                "https://www.tenantcore.test:8443",
                "http://" + shop.domain() + ":3000")) {
            Api.Response answer = preflight(origin, "/api/v1/signup");
            answer.assertProblem(403, "origin_not_allowed");
            assertThat(hasCorsHeaders(answer)).as(origin).isFalse();
        }
        String slug = freshSlug();
        Api.Response request = signUpFrom("https://evil.test", slug);
        request.assertProblem(403, "origin_not_allowed");
        assertThat(hasCorsHeaders(request)).isFalse();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM platform_unique_keys WHERE key = ?", Long.class, slug))
                .isZero();
    }

    @Test
    @DisplayName("platform administrators change a tenant's billing status and see it in the list")
    void billingStatus() {
        SignedUp tenant = signUp();
        api.put("/api/v1/platform/tenants/" + tenant.tenantId() + "/billing-status")
                .bearer(platform.adminToken())
                .json(Map.of("billingStatus", "past_due"))
                .send()
                .assertStatus(200);
        awaitPlatformStatus(tenant.tenantId(), "pending");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(asPlatform(tenant.tenantId())
                                .get("billingStatus")
                                .asText())
                        .isEqualTo("past_due"));
        api.put("/api/v1/platform/tenants/" + tenant.tenantId() + "/billing-status")
                .bearer(platform.adminToken())
                .json(Map.of("billingStatus", "bankrupt"))
                .send()
                .assertProblem(400, "validation_failed");
    }
}
