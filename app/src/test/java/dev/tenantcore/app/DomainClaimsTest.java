package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.DomainTest;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A name cannot be squatted: an unverified claim blocks nobody who proves ownership, lapses after
 * seven days, and a refusal never says who holds a name.
 */
class DomainClaimsTest extends DomainTest {

    private static final Duration EXPIRY = Duration.ofDays(7);

    @Autowired
    TestClock clock;

    @AfterEach
    void putTheClockBack() {
        clock.reset();
    }

    @Test
    @DisplayName("another tenant's unverified claim does not stop a tenant that proves ownership: it is verified, "
            + "and the squatter's claim is released with the reason in the squatter's history")
    void provenOwnershipWins() {
        Platform.Shop squatter = shop;
        Platform.Shop brand = platform.newShop();
        String brandOwner = platform.ownerToken(brand);
        String name = freshName();

        add(squatter, owner, name).assertStatus(201);
        Api.Response claimed = add(brand, brandOwner, name);
        claimed.assertStatus(201);
        webServer.publish(name, tokenOf(claimed.json(), name));
        Api.Response verified = api.post("/api/v1/tenant/domains/" + name + "/verify")
                .in(brand, brandOwner)
                .returningRepresentation()
                .send();
        verified.assertStatus(200);
        assertThat(domainNamed(verified.json(), name).get("verified").asBoolean())
                .isTrue();

        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(names(squatter, owner))
                        .as("the squatter's domains once the brand proved ownership")
                        .doesNotContain(name));
        assertThat(releases(squatter)).containsExactly(name + ": PROVEN_ELSEWHERE");
        assertThat(releases(brand)).isEmpty();
        api.post("/api/v1/tenant/domains/" + name + "/verify")
                .in(squatter, owner)
                .send()
                .assertProblem(404, "not_found");
    }

    @Test
    @DisplayName("the platform's domain for a tenant wins over another tenant's unverified claim, which is released")
    void platformDomainWins() {
        Platform.Shop squatter = shop;
        Platform.Shop brand = platform.newShop();
        String name = freshName();
        add(squatter, owner, name).assertStatus(201);

        platform.addDomain(platform.adminToken(), brand, name);

        platform.awaitStorefrontServes(name);
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(names(squatter, owner)).doesNotContain(name));
        assertThat(releases(squatter)).containsExactly(name + ": PROVEN_ELSEWHERE");
    }

    @Test
    @DisplayName("an unverified claim lapses after seven days: the sweep releases it with the reason, a younger "
            + "claim stays, and the name is free to be proven by another tenant")
    void unverifiedClaimsExpire() {
        Platform.Shop squatter = shop;
        String old = freshName();
        String younger = freshName();
        add(squatter, owner, old).assertStatus(201);
        clock.advance(Duration.ofDays(2));
        add(squatter, owner, younger).assertStatus(201);

        clock.advance(EXPIRY.minusDays(2).plusMinutes(1));

        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(names(squatter, owner))
                        .as("the squatter's domains seven days and a minute after its claim")
                        .doesNotContain(old));
        assertThat(names(squatter, owner)).contains(younger);
        assertThat(releases(squatter)).containsExactly(old + ": EXPIRED");

        Platform.Shop brand = platform.newShop();
        String brandOwner = platform.ownerToken(brand);
        Api.Response claimed = add(brand, brandOwner, old);
        claimed.assertStatus(201);
        webServer.publish(old, tokenOf(claimed.json(), old));
        api.post("/api/v1/tenant/domains/" + old + "/verify")
                .in(brand, brandOwner)
                .send()
                .assertStatus(200);
    }

    @Test
    @DisplayName("a refusal of a taken name reads the same whoever holds it, and names no tenant")
    void refusalRevealsNoHolder() {
        String admin = platform.adminToken();
        Platform.Shop a = platform.newShop();
        Platform.Shop c = platform.newShop();
        String ofA = freshName();
        String ofC = freshName();
        platform.addDomain(admin, a, ofA);
        platform.addDomain(admin, c, ofC);

        Api.Response heldByA = add(shop, owner, ofA);
        Api.Response heldByC = add(shop, owner, ofC);
        heldByA.assertProblem(409, "domain_taken");
        heldByC.assertProblem(409, "domain_taken");
        assertThat(withoutInstance(heldByA)).isEqualTo(withoutInstance(heldByC));

        Api.Response platformRefused = api.post("/api/v1/platform/tenants/" + shop.id() + "/domains")
                .bearer(admin)
                .json(Map.of("domain", ofA))
                .send();
        platformRefused.assertProblem(409, "domain_taken");
        assertThat(withoutInstance(platformRefused)).isEqualTo(withoutInstance(heldByA));

        for (Platform.Shop holder : List.of(a, c)) {
            for (Api.Response refusal : List.of(heldByA, heldByC, platformRefused)) {
                assertThat(refusal.body())
                        .doesNotContain(holder.id())
                        .doesNotContain(holder.slug())
                        .doesNotContain(holder.domain());
            }
        }
    }

    private Api.Response add(Platform.Shop in, String token, String domain) {
        return api.post("/api/v1/tenant/domains")
                .in(in, token)
                .returningRepresentation()
                .json(Map.of("domain", domain))
                .send();
    }

    private List<String> names(Platform.Shop in, String token) {
        Api.Response list = api.get("/api/v1/tenant/domains").in(in, token).send();
        list.assertStatus(200);
        List<String> names = new ArrayList<>();
        list.json().get("items").forEach(d -> names.add(d.get("domain").asText()));
        return names;
    }

    /** The domain claims released in the tenant's history, each as "domain: reason". */
    private List<String> releases(Platform.Shop tenant) {
        return jdbc.queryForList(
                "SELECT p ->> 'domain' || ': ' || (p ->> 'reason') FROM ("
                        + "SELECT convert_from(payload, 'UTF8')::jsonb AS p, sequence_number FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ? AND payload_type = ?) e ORDER BY sequence_number",
                String.class,
                tenant.id(),
                "dev.tenantcore.api.tenancy.TenantDomainClaimReleasedEvent");
    }

    private static String freshName() {
        return "shop.brand-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    private static String tokenOf(JsonNode list, String domain) {
        return domainNamed(list, domain).get("verificationToken").asText();
    }
}
