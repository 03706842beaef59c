package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.LocalDomains;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import dev.tenantcore.app.support.VerificationServer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Owners add their own domains, prove they control them, and switch them on and off. */
class TenantDomainsTest extends ShopTest {

    @Autowired
    LocalDomains localDomains;

    VerificationServer webServer;

    @BeforeEach
    void setUpMore() {
        webServer = VerificationServer.start(localDomains);
    }

    @AfterEach
    void tearDown() {
        webServer.close();
    }

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
        Api.Response steal = api.post("/api/v1/tenant/domains")
                .in(b, ownerB)
                .json(Map.of("domain", domainOfA))
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

    /** The problem body apart from {@code instance}, which names the request's own path. */
    private static JsonNode withoutInstance(Api.Response response) {
        com.fasterxml.jackson.databind.node.ObjectNode body =
                (com.fasterxml.jackson.databind.node.ObjectNode) response.json().deepCopy();
        body.remove("instance");
        return body;
    }

    private static JsonNode domainNamed(JsonNode list, String domain) {
        for (JsonNode d : list.get("items")) {
            if (d.get("domain").asText().equals(domain)) {
                return d;
            }
        }
        throw new AssertionError(domain + " is not in " + list);
    }
}
