package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.MediaFiles;
import dev.tenantcore.app.support.Multipart;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A tenant's settings: chosen by its owner, read by its staff, shown publicly to its storefront. */
class TenantSettingsTest extends ShopTest {

    @Test
    @DisplayName("a tenant that never chose settings shows its name and the defaults, with its version as ETag")
    void defaults() {
        Api.Response settings =
                api.get("/api/v1/tenant/settings").in(shop, owner).send();

        settings.assertStatus(200);
        assertThat(settings.header("ETag"))
                .isEqualTo("\"" + settings.json().get("version").asLong() + "\"");
        JsonNode body = settings.json();
        assertThat(body.get("displayName").asText()).isEqualTo("Shop " + shop.slug());
        assertThat(body.get("locale").asText()).isEqualTo("en");
        assertThat(body.get("currency").asText()).isEqualTo("EUR");
        assertThat(body.get("timezone").asText()).isEqualTo("UTC");
        assertThat(body.get("taxRateBasisPoints").asInt()).isZero();
        assertThat(body.get("branding").get("primaryColor").isNull()).isTrue();
        assertThat(body.get("checkout").get("defaultProvider").asText()).isEqualTo("manual");
        assertThat(body.get("checkout").get("paymentWindowMinutes").asInt()).isEqualTo(30);
        assertThat(body.get("checkout").get("onPaymentFailure").asText()).isEqualTo("keep_pending");
    }

    @Test
    @DisplayName("the owner chooses how orders get paid; parts left out take their defaults")
    void checkoutSettings() {
        Map<String, Object> body = settings("Shop", "en", "EUR", "UTC", 0);
        body.put("checkout", Map.of("defaultProvider", "stripe", "onPaymentFailure", "cancel_order"));
        Api.Response changed = api.put("/api/v1/tenant/settings")
                .in(shop, owner)
                .returningRepresentation()
                .json(body)
                .send();
        changed.assertStatus(200);
        JsonNode checkout = changed.json().get("checkout");
        assertThat(checkout.get("defaultProvider").asText()).isEqualTo("stripe");
        assertThat(checkout.get("paymentWindowMinutes").asInt()).isEqualTo(30);
        assertThat(checkout.get("onPaymentFailure").asText()).isEqualTo("cancel_order");
    }

    @Test
    @DisplayName("the owner replaces the settings with a current If-Match; a stale one gets 412 and changes nothing")
    void updateWithIfMatch() {
        String etag = api.get("/api/v1/tenant/settings").in(shop, owner).send().header("ETag");

        Api.Response updated = api.put("/api/v1/tenant/settings")
                .in(shop, owner)
                .header("If-Match", etag)
                .returningRepresentation()
                .json(settings("Café Luna", "es-es", "EUR", "Europe/Madrid", 2100))
                .send();
        updated.assertStatus(200);
        assertThat(updated.header("Preference-Applied")).isEqualTo("return=representation");
        assertThat(updated.json().get("displayName").asText()).isEqualTo("Café Luna");
        assertThat(updated.json().get("locale").asText()).isEqualTo("es-ES");
        assertThat(updated.json().get("branding").get("primaryColor").asText()).isEqualTo("#112233");

        Api.Response stale = api.put("/api/v1/tenant/settings")
                .in(shop, owner)
                .header("If-Match", etag)
                .json(settings("Overwritten", "en", "USD", "UTC", 0))
                .send();
        stale.assertProblem(412, "version_conflict");
        assertThat(api.get("/api/v1/tenant/settings")
                        .in(shop, owner)
                        .send()
                        .json()
                        .get("displayName")
                        .asText())
                .isEqualTo("Café Luna");
    }

    @Test
    @DisplayName("the storefront reads the public settings without signing in, tax rate included")
    void publicSettings() {
        api.put("/api/v1/tenant/settings")
                .in(shop, owner)
                .returningRepresentation()
                .json(settings("Luna Books", "en-GB", "GBP", "Europe/London", 2000))
                .send();

        Api.Response open =
                api.get("/api/v1/public/settings").origin(shop.domain()).send();

        open.assertStatus(200);
        assertThat(open.json().get("displayName").asText()).isEqualTo("Luna Books");
        assertThat(open.json().get("currency").asText()).isEqualTo("GBP");
        assertThat(open.json().get("timezone").asText()).isEqualTo("Europe/London");
        assertThat(open.json().get("taxRateBasisPoints").asInt()).isEqualTo(2000);
        assertThat(open.json().get("branding").get("logoUrl").asText()).startsWith("https://");
        api.get("/api/v1/public/settings").host(shop.domain()).send().assertStatus(200);
        assertThat(api.get("/api/v1/public/settings")
                        .origin("unknown-shop.test")
                        .send()
                        .code())
                .isEqualTo("tenant_not_found");
    }

    @Test
    @DisplayName("invalid settings are refused with validation_failed and nothing is written")
    void invalidSettings() {
        long version = api.get("/api/v1/tenant/settings")
                .in(shop, owner)
                .send()
                .json()
                .get("version")
                .asLong();
        Map<String, Object> badLocale = settings("X", "en_US", "EUR", "UTC", 0);
        Map<String, Object> badCurrency = settings("X", "en", "ZZZ", "UTC", 0);
        Map<String, Object> badZone = settings("X", "en", "EUR", "Europe/Atlantis", 0);
        Map<String, Object> badTax = settings("X", "en", "EUR", "UTC", 10_001);
        Map<String, Object> badColor = settings("X", "en", "EUR", "UTC", 0);
        badColor.put("branding", Map.of("primaryColor", "red"));
        Map<String, Object> badLogo = settings("X", "en", "EUR", "UTC", 0);
        badLogo.put("branding", Map.of("logoUrl", "http://insecure.example/logo.png"));
        Map<String, Object> missingName = settings("X", "en", "EUR", "UTC", 0);
        missingName.remove("displayName");
        Map<String, Object> noWindow = settings("X", "en", "EUR", "UTC", 0);
        noWindow.put("checkout", Map.of("paymentWindowMinutes", 0));
        Map<String, Object> longWindow = settings("X", "en", "EUR", "UTC", 0);
        longWindow.put("checkout", Map.of("paymentWindowMinutes", 10_081));
        Map<String, Object> unknownProvider = settings("X", "en", "EUR", "UTC", 0);
        unknownProvider.put("checkout", Map.of("defaultProvider", "barter"));
        Map<String, Object> unknownPolicy = settings("X", "en", "EUR", "UTC", 0);
        unknownPolicy.put("checkout", Map.of("onPaymentFailure", "retry_forever"));
        for (Map<String, Object> bad : new Map[] {
            badLocale,
            badCurrency,
            badZone,
            badTax,
            badColor,
            badLogo,
            missingName,
            noWindow,
            longWindow,
            unknownProvider,
            unknownPolicy
        }) {
            Api.Response response =
                    api.put("/api/v1/tenant/settings").in(shop, owner).json(bad).send();
            assertThat(response.status()).as(bad.toString()).isEqualTo(400);
            assertThat(response.code()).as(bad.toString()).isEqualTo("validation_failed");
        }
        Api.Response unknownField = api.put("/api/v1/tenant/settings")
                .in(shop, owner)
                .raw("{\"displayName\":\"X\",\"locale\":\"en\",\"currency\":\"EUR\",\"timezone\":\"UTC\","
                        + "\"taxRateBasisPoints\":0,\"tenantId\":\"00000000-0000-0000-0000-000000000000\"}")
                .send();
        unknownField.assertStatus(400);
        assertThat(api.get("/api/v1/tenant/settings")
                        .in(shop, owner)
                        .send()
                        .json()
                        .get("version")
                        .asLong())
                .isEqualTo(version);
    }

    @Test
    @DisplayName(
            "a logo that is another shop's image, a document or no file at all is refused with 422 and nothing is written")
    void logoMustBeOwnImage() {
        Platform.Shop other = platform.newShop();
        String theirs = MediaFiles.upload(
                        api,
                        other,
                        platform.ownerToken(other),
                        new Multipart().file("logo.png", "image/png", MediaFiles.image("png", 40, 40)))
                .assertStatus(201)
                .json()
                .get("id")
                .asText();
        byte[] svg = ("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\""
                        + " height=\"10\"><rect width=\"10\" height=\"10\"/></svg>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String drawing = MediaFiles.upload(api, shop, owner, new Multipart().file("logo.svg", "image/svg+xml", svg))
                .assertStatus(201)
                .json()
                .get("id")
                .asText();
        JsonNode before =
                api.get("/api/v1/tenant/settings").in(shop, owner).send().json();

        for (Map.Entry<String, String> refused : Map.of(
                        theirs,
                        "unknown_media",
                        java.util.UUID.randomUUID().toString(),
                        "unknown_media",
                        drawing,
                        "not_an_image")
                .entrySet()) {
            Map<String, Object> body = settings("Logo thief", "en", "EUR", "UTC", 0);
            body.put("branding", Map.of("logoMediaId", refused.getKey()));
            api.put("/api/v1/tenant/settings").in(shop, owner).json(body).send().assertProblem(422, refused.getValue());
        }
        assertThat(api.get("/api/v1/tenant/settings").in(shop, owner).send().json())
                .isEqualTo(before);
    }

    @Test
    @DisplayName("another tenant's owner reads and changes only their own settings; anonymous callers get 401")
    void otherTenants() {
        Platform.Shop other = platform.newShop();
        String otherOwner = platform.ownerToken(other);
        api.put("/api/v1/tenant/settings")
                .in(shop, owner)
                .returningRepresentation()
                .json(settings("Original", "en", "EUR", "UTC", 0))
                .send();

        assertThat(api.put("/api/v1/tenant/settings")
                        .in(shop, otherOwner)
                        .json(settings("Hijacked", "en", "EUR", "UTC", 0))
                        .send()
                        .code())
                .isEqualTo("tenant_mismatch");
        assertThat(api.get("/api/v1/tenant/settings")
                        .in(shop, otherOwner)
                        .send()
                        .code())
                .isEqualTo("tenant_mismatch");
        api.put("/api/v1/tenant/settings")
                .origin(shop.domain())
                .json(settings("Anonymous", "en", "EUR", "UTC", 0))
                .send()
                .assertStatus(401);
        api.get("/api/v1/tenant/settings").origin(shop.domain()).send().assertStatus(401);

        Api.Response own = api.put("/api/v1/tenant/settings")
                .in(other, otherOwner)
                .returningRepresentation()
                .json(settings("Other shop", "en", "EUR", "UTC", 0))
                .send();
        own.assertStatus(200);
        assertThat(api.get("/api/v1/public/settings")
                        .origin(shop.domain())
                        .send()
                        .json()
                        .get("displayName")
                        .asText())
                .isEqualTo("Original");
    }

    private static Map<String, Object> settings(
            String displayName, String locale, String currency, String timezone, int taxRate) {
        Map<String, Object> body = new HashMap<>();
        body.put("displayName", displayName);
        body.put("locale", locale);
        body.put("currency", currency);
        body.put("timezone", timezone);
        body.put(
                "branding",
                Map.of("primaryColor", "#112233", "accentColor", "#abcdef", "logoUrl", "https://cdn.example/logo.png"));
        body.put("taxRateBasisPoints", taxRate);
        return body;
    }
}
