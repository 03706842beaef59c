package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.DomainTest;
import dev.tenantcore.app.support.LocalDomains;
import dev.tenantcore.app.support.Platform;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Owners add their own domains, prove they control them, and switch them on and off. */
class TenantDomainsTest extends DomainTest {

    /** {@code app.domains.verification-timeout} in the tests' configuration. */
    static final Duration VERIFICATION_LIMIT = Duration.ofSeconds(2);

    @Test
    @DisplayName("an owner's domain is listed unverified with its token, is verified against its web server, "
            + "then activated, and resolves within a second")
    void addVerifyActivate() {
        String domain = "www." + shop.domain();

        JsonNode listed = domainNamed(add(shop, owner, domain), domain);
        assertThat(listed.get("verified").asBoolean()).isFalse();
        assertThat(listed.get("active").asBoolean()).isFalse();
        assertThat(listed.get("primary").asBoolean()).isFalse();
        String token = listed.get("verificationToken").asText();
        assertThat(token).hasSizeGreaterThanOrEqualTo(32);

        JsonNode list = api.get("/api/v1/tenant/domains").in(shop, owner).send().json();
        assertThat(domainNamed(list, shop.domain()).get("verified").asBoolean()).isTrue();
        assertThat(domainNamed(list, shop.domain()).get("verificationToken").isNull())
                .isTrue();
        assertThat(domainNamed(list, domain).get("verificationToken").asText()).isEqualTo(token);
        assertThat(api.get("/api/v1/public/products").origin(domain).send().code())
                .as("an unverified domain does not resolve")
                .isEqualTo("tenant_not_found");

        webServer.publish(domain, "tenantcore-domain-verification: " + token + "\n");
        Api.Response verified = api.post("/api/v1/tenant/domains/" + domain + "/verify")
                .in(shop, owner)
                .returningRepresentation()
                .send();
        verified.assertStatus(200);
        assertThat(domainNamed(verified.json(), domain).get("verified").asBoolean())
                .isTrue();
        assertThat(domainNamed(verified.json(), domain).get("verificationToken").isNull())
                .isTrue();
        assertThat(domainNamed(verified.json(), domain).get("active").asBoolean())
                .isFalse();

        Api.Response activated = api.post("/api/v1/tenant/domains/" + domain + "/activate")
                .in(shop, owner)
                .send();
        activated.assertStatus(200);
        platform.awaitStorefrontServes(domain);

        api.post("/api/v1/tenant/domains/" + domain + "/deactivate")
                .in(shop, owner)
                .send();
        platform.awaitStorefrontRefuses(domain, "tenant_not_found");
    }

    @Test
    @DisplayName("verification fails with 422 when the web server serves another token or nothing, "
            + "and an unverified domain can be neither activated nor made primary")
    void failedVerification() {
        String domain = "shop." + shop.domain();
        add(shop, owner, domain);

        webServer.publish(domain, "not-the-token-of-this-tenant");
        Api.Response wrongToken = api.post("/api/v1/tenant/domains/" + domain + "/verify")
                .in(shop, owner)
                .send();
        wrongToken.assertProblem(422, "domain_verification_failed");
        assertThat(wrongToken.header("Content-Type")).startsWith("application/problem+json");

        String unpublished = "nothing." + shop.domain();
        add(shop, owner, unpublished);
        Api.Response unresolvable = post(shop, owner, "/api/v1/tenant/domains/" + unpublished + "/verify");
        unresolvable.assertStatus(422);
        assertThat(unresolvable.json().get("detail").asText()).contains("does not resolve");

        Api.Response activate = api.post("/api/v1/tenant/domains/" + domain + "/activate")
                .in(shop, owner)
                .send();
        activate.assertProblem(409, "invalid_state");
        Api.Response primary = api.post("/api/v1/tenant/domains/" + domain + "/primary")
                .in(shop, owner)
                .send();
        primary.assertStatus(409);

        JsonNode after = domainNamed(domains(shop, owner), domain);
        assertThat(after.get("verified").asBoolean()).isFalse();
        assertThat(after.get("active").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("a verification whose domain never resolves holds no database connection while it waits, "
            + "and fails with 422 within its time limit")
    void hangingVerificationHoldsNoConnection() throws Exception {
        String domain = "slow." + shop.domain();
        add(shop, owner, domain);
        LocalDomains.Hang hang = localDomains.hang(domain);
        try {
            long started = System.nanoTime();
            CompletableFuture<Api.Response> verifying = CompletableFuture.supplyAsync(
                    () -> post(shop, owner, "/api/v1/tenant/domains/" + domain + "/verify"));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(hang::entered);

            assertThat(hang.transactionActive())
                    .as("a transaction is open on the thread that resolves the domain")
                    .isFalse();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(transactionsOpenSince(hang))
                            .as("database connections held in a transaction while the domain resolves")
                            .isZero());

            Api.Response answer =
                    verifying.get(VERIFICATION_LIMIT.plusSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            answer.assertProblem(422, "domain_verification_failed");
            assertThat(answer.json().get("detail").asText()).contains("did not answer within");
            assertThat(took).as("time to the answer").isLessThan(VERIFICATION_LIMIT.plusSeconds(2));
            assertThat(domainNamed(domains(shop, owner), domain).get("verified").asBoolean())
                    .isFalse();
        } finally {
            hang.release();
        }
    }

    /**
     * Connections of the application that sit idle inside a transaction begun before the lookup
     * hung: a command transaction waiting for the network would be one.
     */
    private int transactionsOpenSince(LocalDomains.Hang hang) {
        Integer open = jdbc.queryForObject(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND pid <> pg_backend_pid() AND state = 'idle in transaction' AND xact_start < ?",
                Integer.class,
                Timestamp.from(hang.enteredAt()));
        return open == null ? 0 : open;
    }

    @Test
    @DisplayName("the primary domain moves only to a verified domain, and cannot be deactivated or removed "
            + "while another domain remains")
    void primaryDomainRules() {
        String domain = "new." + shop.domain();
        String token = domainNamed(add(shop, owner, domain), domain)
                .get("verificationToken")
                .asText();
        webServer.publish(domain, token);
        assertThat(post(shop, owner, "/api/v1/tenant/domains/" + domain + "/verify")
                        .status())
                .isEqualTo(200);

        assertThat(post(shop, owner, "/api/v1/tenant/domains/" + shop.domain() + "/deactivate")
                        .code())
                .isEqualTo("invalid_state");
        assertThat(api.delete("/api/v1/tenant/domains/" + shop.domain())
                        .in(shop, owner)
                        .send()
                        .code())
                .isEqualTo("invalid_state");

        assertThat(post(shop, owner, "/api/v1/tenant/domains/" + domain + "/activate")
                        .status())
                .isEqualTo(200);
        Api.Response moved = api.post("/api/v1/tenant/domains/" + domain + "/primary")
                .in(shop, owner)
                .returningRepresentation()
                .send();
        moved.assertStatus(200);
        assertThat(domainNamed(moved.json(), domain).get("primary").asBoolean()).isTrue();
        assertThat(domainNamed(moved.json(), shop.domain()).get("primary").asBoolean())
                .isFalse();

        Api.Response removed = api.delete("/api/v1/tenant/domains/" + shop.domain())
                .origin(domain)
                .bearer(owner)
                .returningRepresentation()
                .send();
        removed.assertStatus(200);
        assertThat(removed.json().get("items")).hasSize(1);
        platform.awaitStorefrontRefuses(shop.domain(), "tenant_not_found");
    }

    @Test
    @DisplayName("another tenant's owner cannot see or touch a tenant's domains: 404 as for a missing domain, "
            + "403 on the other origin, 401 anonymously, and nothing is written")
    void otherTenantsCannotTouchDomains() {
        Platform.Shop a = shop;
        Platform.Shop b = platform.newShop();
        String ownerA = owner;
        String ownerB = platform.ownerToken(b);
        String domainOfA = "pending." + a.domain();
        String token = domainNamed(add(a, ownerA, domainOfA), domainOfA)
                .get("verificationToken")
                .asText();
        webServer.publish(domainOfA, token);
        JsonNode before = domains(a, ownerA);

        Api.Response missing = post(b, ownerB, "/api/v1/tenant/domains/nowhere-" + b.domain() + "/verify");
        missing.assertStatus(404);
        for (String action : new String[] {"verify", "activate", "deactivate", "primary"}) {
            Api.Response attempt = post(b, ownerB, "/api/v1/tenant/domains/" + domainOfA + "/" + action);
            assertThat(attempt.status()).as(action).isEqualTo(404);
            assertThat(withoutInstance(attempt)).as(action).isEqualTo(withoutInstance(missing));
        }
        Api.Response remove =
                api.delete("/api/v1/tenant/domains/" + a.domain()).in(b, ownerB).send();
        remove.assertStatus(404);
        assertThat(withoutInstance(remove)).isEqualTo(withoutInstance(missing));
        // A name A has proven is taken; a name A only claimed is not A's yet (DomainClaimsTest), and
        // claiming it gets B nothing it could use: checked further down.
        Api.Response steal = api.post("/api/v1/tenant/domains")
                .in(b, ownerB)
                .json(Map.of("domain", a.domain()))
                .send();
        assertThat(steal.code()).isEqualTo("domain_taken");

        assertThat(post(a, ownerB, "/api/v1/tenant/domains/" + domainOfA + "/verify")
                        .code())
                .isEqualTo("tenant_mismatch");
        assertThat(api.get("/api/v1/tenant/domains").in(a, ownerB).send().code())
                .isEqualTo("tenant_mismatch");
        api.post("/api/v1/tenant/domains/" + domainOfA + "/verify")
                .origin(a.domain())
                .send()
                .assertStatus(401);
        api.get("/api/v1/tenant/domains").origin(a.domain()).send().assertStatus(401);
        assertThat(api.post("/api/v1/tenant/domains")
                        .in(a, platform.adminToken())
                        .json(Map.of("domain", "x." + a.domain()))
                        .send()
                        .code())
                .isEqualTo("tenant_mismatch");

        JsonNode bList = domains(b, ownerB);
        assertThat(bList.get("items")).hasSize(1);
        assertThat(domains(a, ownerA)).isEqualTo(before);

        add(b, ownerB, domainOfA);
        Api.Response proveWithAsToken = post(b, ownerB, "/api/v1/tenant/domains/" + domainOfA + "/verify");
        proveWithAsToken.assertProblem(422, "domain_verification_failed");
        assertThat(domainNamed(domains(b, ownerB), domainOfA).get("verified").asBoolean())
                .isFalse();
        assertThat(domains(a, ownerA)).isEqualTo(before);
    }

    @Test
    @DisplayName("domain input is validated, and only owners administer domains")
    void badInput() {
        for (String bad : new String[] {"not a domain", "UPPER.example", "-x.example", "localhost", ""}) {
            Api.Response response = api.post("/api/v1/tenant/domains")
                    .in(shop, owner)
                    .json(Map.of("domain", bad))
                    .send();
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.code()).as(bad).isEqualTo("validation_failed");
        }
        Api.Response noBody = api.post("/api/v1/tenant/domains")
                .in(shop, owner)
                .raw("{\"domain\": 42}")
                .send();
        noBody.assertStatus(400);
        assertThat(domains(shop, owner).get("items")).hasSize(1);
    }

    private JsonNode add(Platform.Shop shop, String owner, String domain) {
        Api.Response added = api.post("/api/v1/tenant/domains")
                .in(shop, owner)
                .returningRepresentation()
                .json(Map.of("domain", domain))
                .send();
        added.assertStatus(201);
        return added.json();
    }

    private Api.Response post(Platform.Shop shop, String token, String path) {
        return api.post(path).in(shop, token).send();
    }

    private JsonNode domains(Platform.Shop shop, String owner) {
        Api.Response list = api.get("/api/v1/tenant/domains").in(shop, owner).send();
        list.assertStatus(200);
        return list.json();
    }
}
