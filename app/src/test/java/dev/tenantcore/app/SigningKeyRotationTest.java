package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.ApiTest;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * Rotating the token signing key, in a context of its own whose clock the test moves: tokens of the
 * old key keep working until every token it could have signed has expired, then the old key leaves
 * the JWK set and its tokens are refused.
 */
@Import(TestClock.Own.class)
@DisplayName("Rotating the signing key")
class SigningKeyRotationTest extends ApiTest {

    private static final String ROTATIONS = "/api/v1/platform/signing-keys/rotations";

    /** Access-token lifetime (15 min) + clock skew (60 s) + the key cache's refresh (30 s), and a second more. */
    private static final Duration PAST_RETIREMENT = Duration.ofMinutes(15).plusSeconds(91);

    @Autowired
    TestClock clock;

    private List<String> publishedKids() {
        Api.Response jwks = api.get("/.well-known/jwks.json").send();
        jwks.assertStatus(200);
        List<String> kids = new ArrayList<>();
        jwks.json().get("keys").forEach(k -> kids.add(k.get("kid").asText()));
        return kids;
    }

    private static String kidOf(String token) {
        String header = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[0]));
        return new Api.Response(200, java.util.Map.of(), header)
                .json()
                .get("kid")
                .asText();
    }

    private Api.Response rotate(String token) {
        return api.post(ROTATIONS).bearer(token).send();
    }

    /** A shop owner signed in before a platform administrator rotated the key: what each test starts from. */
    private record Rotated(Platform.Shop shop, String tokenBefore, String oldKid, String newKid, JsonNode answer) {}

    private Rotated signInThenRotate() {
        Platform.Shop shop = platform.newShop();
        String before = platform.ownerToken(shop);
        Api.Response rotation = rotate(platform.adminToken());
        rotation.assertStatus(200);
        return new Rotated(
                shop, before, kidOf(before), rotation.json().get("kid").asText(), rotation.json());
    }

    @Test
    @DisplayName("a token issued before a rotation still works after it, and the JWK set lists both kids")
    void oldTokensSurvive() {
        Rotated r = signInThenRotate();

        assertThat(r.newKid()).isNotEqualTo(r.oldKid());
        api.get("/api/v1/auth/me").in(r.shop(), r.tokenBefore()).send().assertStatus(200);
        assertThat(publishedKids()).contains(r.oldKid(), r.newKid());
        String after = platform.ownerToken(r.shop());
        assertThat(kidOf(after)).as("the new key signs from now on").isEqualTo(r.newKid());
        api.get("/api/v1/auth/me").in(r.shop(), after).send().assertStatus(200);
    }

    @Test
    @DisplayName("once every token of the old key has expired, the key leaves the JWK set and its tokens are refused")
    void retiredKeyIsRefused() {
        Rotated r = signInThenRotate();
        assertThat(r.answer().get("retiring").findValuesAsText("kid")).contains(r.oldKid());

        clock.advance(PAST_RETIREMENT);

        assertThat(publishedKids()).doesNotContain(r.oldKid()).contains(r.newKid());
        api.get("/api/v1/auth/me").in(r.shop(), r.tokenBefore()).send().assertProblem(401, "unauthenticated");
        String after = platform.ownerToken(r.shop());
        api.get("/api/v1/auth/me").in(r.shop(), after).send().assertStatus(200);
    }

    @Test
    @DisplayName("only a platform administrator rotates: a customer and a tenant owner get 403 and the key stays")
    void onlyPlatformAdmins() {
        Platform.Shop shop = platform.newShop();
        String owner = platform.ownerToken(shop);
        String customer = platform.customerToken(shop);
        List<String> kids = publishedKids();

        // Platform routes belong to no tenant: a tenant's token is refused there, on its domain or not.
        assertThat(api.post(ROTATIONS).in(shop, owner).send().status()).isEqualTo(403);
        assertThat(api.post(ROTATIONS).in(shop, customer).send().status()).isEqualTo(403);
        assertThat(rotate(owner).status()).as("an owner's token off its tenant").isEqualTo(403);
        assertThat(rotate(customer).status()).isEqualTo(403);
        api.post(ROTATIONS).send().assertProblem(401, "unauthenticated");

        assertThat(publishedKids()).isEqualTo(kids);
        assertThat(kidOf(platform.ownerToken(shop))).isEqualTo(kidOf(owner));
        rotate(platform.adminToken()).assertStatus(200);
        assertThat(publishedKids())
                .as("the administrator's rotation adds a key")
                .hasSize(kids.size() + 1);
    }
}
