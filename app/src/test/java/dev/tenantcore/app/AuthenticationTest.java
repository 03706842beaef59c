package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.ApiTest;
import dev.tenantcore.app.support.Platform;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuthenticationTest extends ApiTest {

    @Test
    @DisplayName("login returns a 15-minute JWT with jti, tenant and roles, and a refresh token")
    void loginIssuesTokens() {
        Platform.Shop shop = platform.newShop();
        Api.Response login = platform.login(shop, shop.ownerEmail(), Platform.OWNER_PASSWORD);
        login.assertStatus(200);
        assertThat(login.json().get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(login.json().get("expiresIn").asLong()).isEqualTo(900);
        JsonNode claims = claims(login.json().get("accessToken").asText());
        assertThat(claims.get("tid").asText()).isEqualTo(shop.id());
        assertThat(claims.get("roles").get(0).asText()).isEqualTo("owner");
        assertThat(claims.get("jti").asText()).isNotBlank();
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(900);
        Api.Response me = api.get("/api/v1/auth/me")
                .in(shop, login.json().get("accessToken").asText())
                .send();
        assertThat(me.json().get("email").asText()).isEqualTo(shop.ownerEmail());
    }

    @Test
    @DisplayName("a wrong password and an unknown email fail with the same response")
    void uniformLoginFailure() {
        Platform.Shop shop = platform.newShop();
        Api.Response wrongPassword = platform.login(shop, shop.ownerEmail(), "not-the-password");
        Api.Response unknownEmail = platform.login(shop, "nobody@" + shop.domain(), "not-the-password");
        wrongPassword.assertStatus(401);
        assertThat(wrongPassword.body()).isEqualTo(unknownEmail.body());
        assertThat(wrongPassword.code()).isEqualTo("invalid_credentials");
    }

    @Test
    @DisplayName("an owner of one shop cannot sign in on another shop's domain")
    void accountsAreScopedToTheirTenant() {
        Platform.Shop a = platform.newShop();
        Platform.Shop b = platform.newShop();
        platform.login(b, a.ownerEmail(), Platform.OWNER_PASSWORD).assertStatus(401);
    }

    @Test
    @DisplayName("a token of tenant A used on tenant B's domain is refused with 403")
    void tokenTenantMustMatchRequestTenant() {
        Platform.Shop a = platform.newShop();
        Platform.Shop b = platform.newShop();
        Api.Response response =
                api.get("/api/v1/products").in(b, platform.ownerToken(a)).send();
        response.assertProblem(403, "tenant_mismatch");
    }

    @Test
    @DisplayName("refresh rotates the token; reusing an old one revokes the whole family")
    void refreshRotationAndReuseDetection() {
        Platform.Shop shop = platform.newShop();
        Api.Response login = platform.login(shop, shop.ownerEmail(), Platform.OWNER_PASSWORD);
        String first = login.json().get("refreshToken").asText();
        Api.Response rotated = platform.refresh(shop, first);
        rotated.assertStatus(200);
        String second = rotated.json().get("refreshToken").asText();
        assertThat(second).isNotEqualTo(first);
        String access = rotated.json().get("accessToken").asText();
        api.get("/api/v1/auth/me").in(shop, access).send().assertStatus(200);

        Api.Response reuse = platform.refresh(shop, first);
        reuse.assertStatus(401);
        assertThat(platform.refresh(shop, second).status())
                .as("the family is revoked")
                .isEqualTo(401);
        assertThat(api.get("/api/v1/auth/me").in(shop, access).send().status())
                .as("access tokens of the family stop working at once")
                .isEqualTo(401);
    }

    @Test
    @DisplayName("a refresh token of one tenant does not work on another tenant's domain")
    void refreshIsTenantScoped() {
        Platform.Shop a = platform.newShop();
        Platform.Shop b = platform.newShop();
        String token = platform.login(a, a.ownerEmail(), Platform.OWNER_PASSWORD)
                .json()
                .get("refreshToken")
                .asText();
        platform.refresh(b, token).assertStatus(401);
        platform.refresh(a, token).assertStatus(200);
    }

    @Test
    @DisplayName("logout revokes the access token at once and its refresh token")
    void logout() {
        Platform.Shop shop = platform.newShop();
        Api.Response login = platform.login(shop, shop.ownerEmail(), Platform.OWNER_PASSWORD);
        String access = login.json().get("accessToken").asText();
        api.post("/api/v1/auth/logout").in(shop, access).send().assertStatus(204);
        Api.Response after = api.get("/api/v1/auth/me").in(shop, access).send();
        after.assertStatus(401);
        platform.refresh(shop, login.json().get("refreshToken").asText()).assertStatus(401);
    }

    @Test
    @DisplayName("forged, unsigned, expired and re-signed tokens are all refused with 401")
    void forgedTokensAreRefused() throws Exception {
        Platform.Shop shop = platform.newShop();
        String valid = platform.ownerToken(shop);
        String[] parts = valid.split("\\.");
        JsonNode claims = claims(valid);
        String payload = parts[1];

        String unsigned = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".";
        String tamperedPayload = b64(claims.toString().replace("\"owner\"", "\"platform_admin\""));
        String tampered = parts[0] + "." + tamperedPayload + "." + parts[2];
        String hsHeader = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String hs256 = hsHeader + "." + payload + "." + hmac(hsHeader + "." + payload, "guessable-secret");
        String expired =
                parts[0] + "." + b64(claims.toString().replaceAll("\"exp\":\\d+", "\"exp\":1000")) + "." + parts[2];

        for (String token : new String[] {unsigned, tampered, hs256, expired, "not-a-jwt", valid + "x"}) {
            Api.Response response = api.get("/api/v1/auth/me").in(shop, token).send();
            assertThat(response.status()).as(token).isEqualTo(401);
            assertThat(response.code()).isEqualTo("unauthenticated");
        }
        api.get("/api/v1/auth/me").in(shop, valid).send().assertStatus(200);
    }

    @Test
    @DisplayName("the JWK set publishes the RSA public key with its kid and no private part")
    void jwks() {
        Api.Response jwks = api.get("/.well-known/jwks.json").send();
        jwks.assertStatus(200);
        JsonNode key = jwks.json().get("keys").get(0);
        assertThat(key.get("kty").asText()).isEqualTo("RSA");
        assertThat(key.get("kid").asText()).isNotBlank();
        assertThat(key.has("d")).isFalse();
    }

    @Test
    @DisplayName("the platform administrator signs in without a tenant")
    void platformAdminLogin() {
        Api.Response response = api.post("/api/v1/auth/login")
                .json(Map.of("email", Platform.ADMIN_EMAIL, "password", Platform.ADMIN_PASSWORD))
                .send();
        response.assertStatus(200);
        assertThat(claims(response.json().get("accessToken").asText())
                        .get("roles")
                        .get(0)
                        .asText())
                .isEqualTo("platform_admin");
    }

    private static JsonNode claims(String jwt) {
        String json = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return new Api.Response(200, Map.of(), json).json();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String hmac(String input, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
    }
}
