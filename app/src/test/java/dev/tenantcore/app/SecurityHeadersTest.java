package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.ApiTest;
import dev.tenantcore.app.support.Platform;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SecurityHeadersTest extends ApiTest {

    Platform.Shop shop;

    @BeforeEach
    void setUp() {
        shop = platform.newShop();
    }

    @Test
    @DisplayName("every answer, success or error, forbids sniffing and framing, sends no referrer and names no server")
    void hardeningHeadersEverywhere() {
        List<Api.Response> answers = List.of(
                api.get("/api/v1/public/products").origin(shop.domain()).send(),
                api.get("/api/v1/products").origin(shop.domain()).send(),
                api.get("/api/v1/public/products/" + "x".repeat(300))
                        .origin(shop.domain())
                        .send(),
                api.post("/api/v1/auth/login")
                        .origin(shop.domain())
                        .raw("{not json")
                        .send(),
                api.get("/api/v1/public/products")
                        .header("Origin", "http://evil.test")
                        .send());
        for (Api.Response answer : answers) {
            assertThat(answer.header("X-Content-Type-Options"))
                    .as(answer.toString())
                    .isEqualTo("nosniff");
            assertThat(answer.header("X-Frame-Options")).as(answer.toString()).isEqualTo("DENY");
            assertThat(answer.header("Referrer-Policy")).as(answer.toString()).isEqualTo("no-referrer");
            assertThat(answer.header("Server")).as(answer.toString()).isNull();
            assertThat(answer.header("X-Powered-By")).as(answer.toString()).isNull();
        }
        for (Api.Response answer : answers.subList(0, 4)) {
            assertThat(answer.header("Content-Security-Policy"))
                    .isEqualTo("default-src 'none'; frame-ancestors 'none'");
        }
    }

    @Test
    @DisplayName(
            "HSTS is sent only when the request came over HTTPS, here through the trusted proxy's X-Forwarded-Proto")
    void hstsOnlyOverHttps() {
        Api.Response plain =
                api.get("/api/v1/public/products").origin(shop.domain()).send();
        Api.Response secure = api.get("/api/v1/public/products")
                .origin(shop.domain())
                .header("X-Forwarded-Proto", "https")
                .send();

        assertThat(plain.header("Strict-Transport-Security")).isNull();
        secure.assertStatus(200);
        assertThat(secure.header("Strict-Transport-Security")).isEqualTo("max-age=31536000 ; includeSubDomains");
    }

    @Test
    @DisplayName("sign-in answers are never cached")
    void authAnswersAreNotCached() {
        Api.Response login = platform.login(shop, shop.ownerEmail(), Platform.OWNER_PASSWORD);
        Api.Response failed = platform.login(shop, shop.ownerEmail(), "wrong-password");
        Api.Response refreshed =
                platform.refresh(shop, login.json().get("refreshToken").asText());
        for (Api.Response answer : List.of(login, failed, refreshed)) {
            assertThat(answer.header("Cache-Control")).as(answer.toString()).contains("no-store");
        }
    }

    @Test
    @DisplayName("errors never carry a stack trace or exception names, whatever the input")
    void noStackTraces() {
        List<Api.Response> answers = List.of(
                api.post("/api/v1/auth/login")
                        .origin(shop.domain())
                        .raw("{\"email\": [")
                        .send(),
                api.post("/api/v1/auth/login")
                        .origin(shop.domain())
                        .raw("\u0000\u00ff")
                        .send(),
                api.get("/api/v1/products/not-a-uuid")
                        .in(shop, platform.ownerToken(shop))
                        .send(),
                api.get("/api/v1/products").in(shop, "tck_x").send(),
                api.get("/api/v1/products").in(shop, "eyJhbGciOiJub25lIn0.e30.").send(),
                api.get("/nowhere").send());
        for (Api.Response answer : answers) {
            assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
            assertThat(answer.header("Content-Type")).as(answer.toString()).startsWith("application/problem+json");
            assertThat(answer.body())
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ")
                    .doesNotContain("dev.tenantcore")
                    .doesNotContain("org.springframework");
        }
    }
}
