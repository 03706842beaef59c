package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.IntegrationTest;
import dev.tenantcore.app.support.Multipart;
import dev.tenantcore.app.support.Platform;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * One table of (method, path) → the callers allowed, run for every caller: anonymous, each role of
 * shop A, shop B's owner and the platform administrator. Allowed callers get past authorization
 * (any answer but 401/403); everyone else gets 401 or 403 and writes nothing. A second test fails
 * when an endpoint exists that the table does not list.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest {

    enum Caller {
        ANONYMOUS,
        CUSTOMER,
        STAFF,
        MANAGER,
        OWNER,
        AUDITOR,
        OTHER_TENANT_OWNER,
        PLATFORM_ADMIN,
        PLATFORM_AUDITOR
    }

    /** A token is valid only on its own tenant's domains, so a foreign token is refused even here. */
    private static final Set<Caller> EVERYONE =
            EnumSet.complementOf(EnumSet.of(Caller.OTHER_TENANT_OWNER, Caller.PLATFORM_ADMIN, Caller.PLATFORM_AUDITOR));

    private static final Set<Caller> SIGNED_IN_HERE =
            EnumSet.of(Caller.CUSTOMER, Caller.STAFF, Caller.MANAGER, Caller.OWNER);
    /** Who reads here: a customer their own, the auditor everything staff read. */
    private static final Set<Caller> READ_SIGNED_IN =
            EnumSet.of(Caller.CUSTOMER, Caller.STAFF, Caller.MANAGER, Caller.OWNER, Caller.AUDITOR);

    private static final Set<Caller> STAFF_UP = EnumSet.of(Caller.STAFF, Caller.MANAGER, Caller.OWNER);
    private static final Set<Caller> READ_STAFF_UP =
            EnumSet.of(Caller.STAFF, Caller.MANAGER, Caller.OWNER, Caller.AUDITOR);
    private static final Set<Caller> AUDIT = EnumSet.of(Caller.OWNER, Caller.AUDITOR);
    private static final Set<Caller> MANAGER_UP = EnumSet.of(Caller.MANAGER, Caller.OWNER);
    private static final Set<Caller> AUDIT_MANAGER_UP = EnumSet.of(Caller.MANAGER, Caller.OWNER, Caller.AUDITOR);
    private static final Set<Caller> OWNER = EnumSet.of(Caller.OWNER);
    private static final Set<Caller> PLATFORM = EnumSet.of(Caller.PLATFORM_ADMIN);
    /** The platform's reads, and its exports of a tenant: the administrator and the platform auditor. */
    private static final Set<Caller> PLATFORM_READ = EnumSet.of(Caller.PLATFORM_ADMIN, Caller.PLATFORM_AUDITOR);

    /** A row of the table; {@code tenantLess} rows are called without the shop's Origin. */
    record Endpoint(String method, String path, Set<Caller> allowed, boolean tenantLess, Supplier<Object> body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final String RANDOM = UUID.randomUUID().toString();

    static List<Endpoint> table() {
        List<Endpoint> t = new ArrayList<>();
        // Storefront and public
        t.add(tenant("GET", "/api/v1/public/products", EVERYONE, null));
        t.add(tenant("GET", "/api/v1/public/products/" + RANDOM, EVERYONE, null));
        t.add(tenant("GET", "/api/v1/public/categories", EVERYONE, null));
        t.add(tenant("GET", "/api/v1/public/settings", EVERYONE, null));
        t.add(tenant("GET", "/api/v1/public/forms/nothing", EVERYONE, null));
        t.add(tenant(
                "POST",
                "/api/v1/public/forms/nothing",
                EVERYONE,
                () -> Map.of("fields", Map.of("email", "visitor@matrix.test"))));
        // Own account and sessions
        t.add(tenant("GET", "/api/v1/auth/me", READ_SIGNED_IN, null));
        t.add(tenant("GET", "/api/v1/auth/sessions", READ_SIGNED_IN, null));
        t.add(tenant("DELETE", "/api/v1/auth/sessions/" + RANDOM, READ_SIGNED_IN, null));
        t.add(tenant("GET", "/api/v1/account", READ_SIGNED_IN, null));
        t.add(tenant("PATCH", "/api/v1/account", SIGNED_IN_HERE, () -> Map.of("displayName", "Same Name")));
        // Catalogue
        t.add(tenant("GET", "/api/v1/products", READ_STAFF_UP, null));
        t.add(tenant("GET", "/api/v1/products/" + RANDOM, READ_STAFF_UP, null));
        t.add(tenant("GET", "/api/v1/products/by-slug/nothing", READ_STAFF_UP, null));
        t.add(tenant("POST", "/api/v1/products", MANAGER_UP, AccessMatrixTest::product));
        t.add(tenant("PATCH", "/api/v1/products/" + RANDOM, MANAGER_UP, () -> Map.of("name", "Renamed")));
        t.add(tenant("POST", "/api/v1/products/" + RANDOM + "/deactivate", MANAGER_UP, null));
        t.add(tenant("POST", "/api/v1/products/" + RANDOM + "/reactivate", MANAGER_UP, null));
        t.add(tenant("DELETE", "/api/v1/products/" + RANDOM, MANAGER_UP, null));
        t.add(tenant("GET", "/api/v1/categories", READ_STAFF_UP, null));
        t.add(tenant("GET", "/api/v1/categories/" + RANDOM, READ_STAFF_UP, null));
        t.add(tenant("GET", "/api/v1/categories/by-slug/nothing", READ_STAFF_UP, null));
        t.add(tenant("POST", "/api/v1/categories", MANAGER_UP, () -> Map.of("name", "C", "slug", "c-" + shortId())));
        t.add(tenant("PATCH", "/api/v1/categories/" + RANDOM, MANAGER_UP, () -> Map.of("name", "Renamed")));
        t.add(tenant("POST", "/api/v1/categories/" + RANDOM + "/move", MANAGER_UP, Map::of));
        t.add(tenant("POST", "/api/v1/categories/" + RANDOM + "/deactivate", MANAGER_UP, null));
        t.add(tenant("POST", "/api/v1/categories/" + RANDOM + "/reactivate", MANAGER_UP, null));
        t.add(tenant("DELETE", "/api/v1/categories/" + RANDOM, MANAGER_UP, null));
        // Media: the image endpoint is public; files are the staff's
        t.add(tenant("GET", "/api/v1/public/media/" + RANDOM, EVERYONE, null));
        t.add(tenant("GET", "/api/v1/media", READ_STAFF_UP, null));
        t.add(tenant("GET", "/api/v1/media/" + RANDOM, READ_STAFF_UP, null));
        t.add(tenant("GET", "/api/v1/media/" + RANDOM + "/download", READ_STAFF_UP, null));
        // A form whose file is really HTML: allowed callers get a 415, and nothing is written.
        t.add(tenant(
                "POST",
                "/api/v1/media",
                STAFF_UP,
                () -> new Multipart().file("page.png", "image/png", "<html></html>".getBytes(StandardCharsets.UTF_8))));
        t.add(tenant("PATCH", "/api/v1/media/" + RANDOM, STAFF_UP, () -> Map.of("alt", Map.of("en", "Alt"))));
        t.add(tenant(
                "PUT",
                "/api/v1/media/order",
                STAFF_UP,
                () -> Map.of("entityType", "product", "entityId", RANDOM, "mediaIds", List.of(RANDOM))));
        t.add(tenant("DELETE", "/api/v1/media/" + RANDOM, STAFF_UP, null));
        // Orders
        t.add(tenant("GET", "/api/v1/orders", READ_SIGNED_IN, null));
        t.add(tenant("GET", "/api/v1/orders/" + RANDOM, READ_SIGNED_IN, null));
        t.add(tenant("POST", "/api/v1/orders", SIGNED_IN_HERE, AccessMatrixTest::order));
        t.add(tenant("POST", "/api/v1/orders/" + RANDOM + "/cancel", SIGNED_IN_HERE, null));
        t.add(tenant("POST", "/api/v1/orders/" + RANDOM + "/mark-paid", MANAGER_UP, null));
        t.add(tenant("POST", "/api/v1/orders/" + RANDOM + "/ship", STAFF_UP, null));
        t.add(tenant("POST", "/api/v1/orders/" + RANDOM + "/deliver", STAFF_UP, null));
        // Coupons: staff read them, owners and managers write them; a storefront checks one code
        t.add(tenant("GET", "/api/v1/coupons", READ_STAFF_UP, null));
        t.add(tenant("GET", "/api/v1/coupons/" + RANDOM, READ_STAFF_UP, null));
        t.add(tenant(
                "POST",
                "/api/v1/coupons",
                MANAGER_UP,
                () -> Map.of("code", "M" + shortId(), "kind", "percentage", "percentBasisPoints", 500)));
        t.add(tenant(
                "PUT",
                "/api/v1/coupons/" + RANDOM,
                MANAGER_UP,
                () -> Map.of("kind", "percentage", "percentBasisPoints", 500)));
        t.add(tenant("POST", "/api/v1/coupons/" + RANDOM + "/archive", MANAGER_UP, null));
        t.add(tenant("POST", "/api/v1/public/coupons/check", EVERYONE, () -> Map.of("code", "NOTHING")));
        // Payments
        t.add(tenant("GET", "/api/v1/payments", READ_SIGNED_IN, null));
        t.add(tenant("GET", "/api/v1/payments/" + RANDOM, READ_SIGNED_IN, null));
        t.add(tenant(
                "POST", "/api/v1/payments", SIGNED_IN_HERE, () -> Map.of("orderId", RANDOM, "provider", "manual")));
        t.add(tenant("PATCH", "/api/v1/payments/" + RANDOM, STAFF_UP, () -> Map.of("note", "Called the bank")));
        t.add(tenant("POST", "/api/v1/payments/" + RANDOM + "/mark-paid", STAFF_UP, null));
        t.add(tenant("POST", "/api/v1/payments/" + RANDOM + "/mark-failed", STAFF_UP, null));
        t.add(tenant("GET", "/api/v1/payments/" + RANDOM + "/checkout", SIGNED_IN_HERE, null));
        t.add(tenant("POST", "/api/v1/payments/" + RANDOM + "/refunds", MANAGER_UP, Map::of));
        t.add(tenant("GET", "/api/v1/payment-providers", OWNER, null));
        t.add(tenant("PUT", "/api/v1/payment-providers/manual", OWNER, () -> Map.of("enabled", true)));
        // Email
        t.add(tenant("GET", "/api/v1/email/settings", OWNER, null));
        t.add(tenant(
                "PUT",
                "/api/v1/email/settings",
                OWNER,
                () -> Map.of(
                        "senderName", "Shop",
                        "senderAddress", "shop@example.test",
                        "provider", "smtp",
                        "smtpHost", "127.0.0.1",
                        "smtpPort", 1,
                        "smtpSecurity", "none")));
        t.add(tenant("POST", "/api/v1/email/settings/disable", OWNER, null));
        t.add(tenant("POST", "/api/v1/email/settings/verify", OWNER, null));
        t.add(tenant("POST", "/api/v1/email/settings/test", OWNER, null));
        t.add(tenant("GET", "/api/v1/email/templates", MANAGER_UP, null));
        t.add(tenant("GET", "/api/v1/email/templates/test/en", MANAGER_UP, null));
        t.add(tenant(
                "PUT",
                "/api/v1/email/templates/test/en",
                OWNER,
                () -> Map.of("subject", "Hi {{tenant.displayName}}", "html", "<p>Hi</p>", "text", "Hi")));
        t.add(tenant("DELETE", "/api/v1/email/templates/test/en", OWNER, null));
        t.add(tenant("GET", "/api/v1/email/deliveries", READ_STAFF_UP, null));
        t.add(tenant("GET", "/api/v1/email/deliveries/" + RANDOM, READ_STAFF_UP, null));
        t.add(tenant("POST", "/api/v1/email/deliveries/" + RANDOM + "/retry", STAFF_UP, null));
        // Signed by the provider, not by a token: an unknown endpoint is a 400. Providers send no
        // token; a tenant's token on this platform-level path is refused as tenant_mismatch.
        t.add(new Endpoint(
                "POST",
                "/api/v1/webhooks/stripe/" + RANDOM,
                EnumSet.of(Caller.ANONYMOUS, Caller.PLATFORM_ADMIN, Caller.PLATFORM_AUDITOR),
                true,
                () -> Map.of("id", "evt_1", "type", "payment_intent.succeeded")));
        // A messaging channel's deliveries and Meta's handshake: signed or checked by the channel's
        // secret, not by a token; an unknown endpoint is a 400 (delivery) or a 404 (handshake).
        t.add(new Endpoint(
                "POST",
                "/api/v1/webhooks/channels/" + RANDOM,
                EnumSet.of(Caller.ANONYMOUS, Caller.PLATFORM_ADMIN, Caller.PLATFORM_AUDITOR),
                true,
                () -> Map.of("update_id", 1)));
        t.add(new Endpoint(
                "GET",
                "/api/v1/webhooks/channels/" + RANDOM,
                EnumSet.of(Caller.ANONYMOUS, Caller.PLATFORM_ADMIN, Caller.PLATFORM_AUDITOR),
                true,
                null));
        // Invoices
        t.add(tenant("GET", "/api/v1/invoices", READ_STAFF_UP, null));
        t.add(tenant("GET", "/api/v1/invoices/" + RANDOM, READ_STAFF_UP, null));
        t.add(tenant("POST", "/api/v1/invoices", MANAGER_UP, AccessMatrixTest::invoice));
        t.add(tenant("PATCH", "/api/v1/invoices/" + RANDOM, MANAGER_UP, () -> Map.of("buyer", Map.of("name", "B"))));
        t.add(tenant("POST", "/api/v1/invoices/" + RANDOM + "/issue", MANAGER_UP, null));
        t.add(tenant("POST", "/api/v1/invoices/" + RANDOM + "/mark-paid", MANAGER_UP, null));
        t.add(tenant("POST", "/api/v1/invoices/" + RANDOM + "/void", MANAGER_UP, null));
        // Contacts, their custom fields, tags and stages (CRM)
        t.add(tenant("GET", "/api/v1/contacts", READ_STAFF_UP, null));
        t.add(tenant("GET", "/api/v1/contacts/" + RANDOM, READ_STAFF_UP, null));
        t.add(tenant("GET", "/api/v1/contacts/" + RANDOM + "/timeline", READ_STAFF_UP, null));
        t.add(tenant("POST", "/api/v1/contacts", STAFF_UP, AccessMatrixTest::contact));
        t.add(tenant("PATCH", "/api/v1/contacts/" + RANDOM, STAFF_UP, () -> Map.of("name", "Renamed")));
        t.add(tenant("POST", "/api/v1/contacts/" + RANDOM + "/archive", STAFF_UP, null));
        t.add(tenant("POST", "/api/v1/contacts/" + RANDOM + "/restore", STAFF_UP, null));
        t.add(tenant("POST", "/api/v1/contacts/" + RANDOM + "/merge", STAFF_UP, () -> Map.of("duplicateId", RANDOM)));
        t.add(tenant("POST", "/api/v1/contacts/" + RANDOM + "/tags", STAFF_UP, () -> Map.of("tag", "vip")));
        t.add(tenant("DELETE", "/api/v1/contacts/" + RANDOM + "/tags/vip", STAFF_UP, null));
        t.add(tenant("POST", "/api/v1/contacts/" + RANDOM + "/notes", STAFF_UP, () -> Map.of("text", "Called")));
        t.add(tenant("GET", "/api/v1/contacts/" + RANDOM + "/tasks", READ_STAFF_UP, null));
        t.add(tenant("GET", "/api/v1/contacts/" + RANDOM + "/tasks/" + RANDOM, READ_STAFF_UP, null));
        t.add(tenant("GET", "/api/v1/tasks", READ_STAFF_UP, null));
        t.add(tenant("POST", "/api/v1/contacts/" + RANDOM + "/tasks", STAFF_UP, () -> Map.of("title", "Call")));
        t.add(tenant(
                "PATCH", "/api/v1/contacts/" + RANDOM + "/tasks/" + RANDOM, STAFF_UP, () -> Map.of("title", "Call")));
        t.add(tenant("POST", "/api/v1/contacts/" + RANDOM + "/tasks/" + RANDOM + "/completion", STAFF_UP, null));
        t.add(tenant("DELETE", "/api/v1/contacts/" + RANDOM + "/tasks/" + RANDOM + "/completion", STAFF_UP, null));
        t.add(tenant("DELETE", "/api/v1/contacts/" + RANDOM, STAFF_UP, null));
        t.add(tenant("GET", "/api/v1/contact-tags", READ_STAFF_UP, null));
        t.add(tenant("GET", "/api/v1/contact-fields", READ_STAFF_UP, null));
        t.add(tenant("GET", "/api/v1/contact-fields/" + RANDOM, READ_STAFF_UP, null));
        t.add(tenant(
                "POST",
                "/api/v1/contact-fields",
                MANAGER_UP,
                // A text field with options: allowed callers get a 400 from the aggregate, nothing written.
                () -> Map.of("key", "matrix", "label", "L", "type", "text", "options", List.of("a"))));
        t.add(tenant("PATCH", "/api/v1/contact-fields/" + RANDOM, MANAGER_UP, () -> Map.of("label", "L")));
        t.add(tenant("DELETE", "/api/v1/contact-fields/" + RANDOM, MANAGER_UP, null));
        t.add(tenant("GET", "/api/v1/contact-stages", READ_STAFF_UP, null));
        t.add(tenant("PUT", "/api/v1/contact-stages", MANAGER_UP, () -> Map.of("stages", List.of("Not A Stage"))));
        // Saved segments: allowed callers' create names an unknown stage, which the aggregate refuses (422).
        t.add(tenant("GET", "/api/v1/segments", READ_STAFF_UP, null));
        t.add(tenant("GET", "/api/v1/segments/" + RANDOM, READ_STAFF_UP, null));
        t.add(tenant("GET", "/api/v1/segments/" + RANDOM + "/contacts", READ_STAFF_UP, null));
        t.add(tenant(
                "POST",
                "/api/v1/segments",
                STAFF_UP,
                () -> Map.of(
                        "name",
                        "Matrix",
                        "filter",
                        Map.of(
                                "match",
                                "all",
                                "conditions",
                                List.of(Map.of("type", "stage", "stages", List.of("astronaut")))))));
        t.add(tenant("PATCH", "/api/v1/segments/" + RANDOM, STAFF_UP, () -> Map.of("name", "Renamed")));
        t.add(tenant("DELETE", "/api/v1/segments/" + RANDOM, STAFF_UP, null));
        // Automation rules (owners and managers; auditors read). Allowed callers' create names a trigger
        // outside the catalogue, which the aggregate refuses (422).
        t.add(tenant("GET", "/api/v1/automations/rules", AUDIT_MANAGER_UP, null));
        t.add(tenant("GET", "/api/v1/automations/rules/" + RANDOM, AUDIT_MANAGER_UP, null));
        t.add(tenant(
                "POST",
                "/api/v1/automations/rules",
                MANAGER_UP,
                () -> Map.of(
                        "name",
                        "Matrix",
                        "trigger",
                        "order.teleported",
                        "actions",
                        List.of(Map.of("type", "add_tag", "tag", "vip")))));
        t.add(tenant("PATCH", "/api/v1/automations/rules/" + RANDOM, MANAGER_UP, () -> Map.of("name", "Renamed")));
        t.add(tenant("POST", "/api/v1/automations/rules/" + RANDOM + "/enable", MANAGER_UP, null));
        t.add(tenant("POST", "/api/v1/automations/rules/" + RANDOM + "/disable", MANAGER_UP, null));
        t.add(tenant("DELETE", "/api/v1/automations/rules/" + RANDOM, MANAGER_UP, null));
        t.add(tenant("GET", "/api/v1/automations/rules/" + RANDOM + "/runs", AUDIT_MANAGER_UP, null));
        t.add(tenant("GET", "/api/v1/automations/rules/" + RANDOM + "/runs/" + RANDOM, AUDIT_MANAGER_UP, null));
        t.add(tenant("POST", "/api/v1/automations/rules/" + RANDOM + "/runs/" + RANDOM + "/retry", MANAGER_UP, null));
        t.add(tenant("POST", "/api/v1/automations/rules/" + RANDOM + "/runs/" + RANDOM + "/skip", MANAGER_UP, null));
        t.add(tenant(
                "POST",
                "/api/v1/automations/rules/" + RANDOM + "/dry-run",
                MANAGER_UP,
                () -> Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-01-02T00:00:00Z")));
        // Messaging channels (owners and managers) and conversations (staff). Allowed callers' connect
        // lacks the channel's secrets, which the aggregate refuses (400).
        t.add(tenant("GET", "/api/v1/channels", MANAGER_UP, null));
        t.add(tenant("GET", "/api/v1/channels/" + RANDOM, MANAGER_UP, null));
        t.add(tenant(
                "POST",
                "/api/v1/channels",
                MANAGER_UP,
                () -> Map.of("kind", "whatsapp", "name", "Matrix", "accountId", "1065", "secrets", Map.of())));
        t.add(tenant("PATCH", "/api/v1/channels/" + RANDOM, MANAGER_UP, () -> Map.of("name", "Renamed")));
        t.add(tenant("DELETE", "/api/v1/channels/" + RANDOM, MANAGER_UP, null));
        t.add(tenant("POST", "/api/v1/channels/" + RANDOM + "/validate", MANAGER_UP, null));
        t.add(tenant("GET", "/api/v1/channels/" + RANDOM + "/health", READ_STAFF_UP, null));
        t.add(tenant("GET", "/api/v1/conversations/stats", READ_STAFF_UP, null));
        t.add(tenant("GET", "/api/v1/conversations", READ_STAFF_UP, null));
        t.add(tenant("GET", "/api/v1/conversations/" + RANDOM, READ_STAFF_UP, null));
        t.add(tenant("GET", "/api/v1/conversations/" + RANDOM + "/messages", READ_STAFF_UP, null));
        t.add(tenant("POST", "/api/v1/conversations/" + RANDOM + "/messages", STAFF_UP, () -> Map.of("text", "Hi")));
        t.add(tenant("POST", "/api/v1/conversations/" + RANDOM + "/notes", STAFF_UP, () -> Map.of("text", "Note")));
        t.add(tenant("POST", "/api/v1/conversations/" + RANDOM + "/assign", STAFF_UP, () -> Map.of()));
        t.add(tenant("POST", "/api/v1/conversations/" + RANDOM + "/resolve", STAFF_UP, null));
        t.add(tenant("POST", "/api/v1/conversations/" + RANDOM + "/reopen", STAFF_UP, null));
        t.add(tenant("POST", "/api/v1/conversations/" + RANDOM + "/read", STAFF_UP, null));
        t.add(tenant(
                "POST",
                "/api/v1/conversations/" + RANDOM + "/snooze",
                STAFF_UP,
                () -> Map.of("until", java.time.Instant.now().plusSeconds(3600).toString())));
        t.add(tenant(
                "PUT", "/api/v1/conversations/" + RANDOM + "/priority", STAFF_UP, () -> Map.of("priority", "high")));
        t.add(tenant("POST", "/api/v1/conversations/" + RANDOM + "/labels", STAFF_UP, () -> Map.of("label", "vip")));
        t.add(tenant("DELETE", "/api/v1/conversations/" + RANDOM + "/labels/vip", STAFF_UP, null));
        t.add(tenant("GET", "/api/v1/conversations/unread", READ_STAFF_UP, null));
        t.add(tenant("PUT", "/api/v1/conversations/availability", STAFF_UP, () -> Map.of("available", false)));
        t.add(tenant("PUT", "/api/v1/conversations/settings", MANAGER_UP, () -> Map.of("autoAssign", false)));
        t.add(tenant("GET", "/api/v1/conversations/settings", READ_STAFF_UP, null));
        t.add(tenant("GET", "/api/v1/conversations/availability", READ_STAFF_UP, null));
        // Outbound webhook endpoints (owners only). An allowed caller's create names a host that does
        // not resolve here, which the endpoint refuses (422).
        t.add(tenant("GET", "/api/v1/automations/webhook-endpoints", OWNER, null));
        t.add(tenant("GET", "/api/v1/automations/webhook-endpoints/" + RANDOM, OWNER, null));
        t.add(tenant(
                "POST",
                "/api/v1/automations/webhook-endpoints",
                OWNER,
                () -> Map.of("url", "https://hooks.matrix.invalid/in")));
        t.add(tenant(
                "PATCH",
                "/api/v1/automations/webhook-endpoints/" + RANDOM,
                OWNER,
                () -> Map.of("description", "Renamed")));
        t.add(tenant("DELETE", "/api/v1/automations/webhook-endpoints/" + RANDOM, OWNER, null));
        t.add(tenant("POST", "/api/v1/automations/webhook-endpoints/" + RANDOM + "/rotate-secret", OWNER, null));
        t.add(tenant("GET", "/api/v1/automations/webhook-endpoints/" + RANDOM + "/deliveries", OWNER, null));
        t.add(tenant(
                "POST",
                "/api/v1/automations/webhook-endpoints/" + RANDOM + "/deliveries/" + RANDOM + "/redeliver",
                OWNER,
                null));
        t.add(tenant(
                "POST",
                "/api/v1/automations/webhook-endpoints/" + RANDOM + "/replay",
                OWNER,
                () -> Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-01-02T00:00:00Z")));
        // Leads and public forms
        t.add(tenant("GET", "/api/v1/lead-forms", READ_STAFF_UP, null));
        t.add(tenant("GET", "/api/v1/lead-forms/" + RANDOM, READ_STAFF_UP, null));
        t.add(tenant("POST", "/api/v1/lead-forms", MANAGER_UP, AccessMatrixTest::leadForm));
        t.add(tenant("PATCH", "/api/v1/lead-forms/" + RANDOM, MANAGER_UP, () -> Map.of("name", "Renamed")));
        t.add(tenant("DELETE", "/api/v1/lead-forms/" + RANDOM, MANAGER_UP, null));
        t.add(tenant("GET", "/api/v1/leads", READ_STAFF_UP, null));
        t.add(tenant("GET", "/api/v1/leads/" + RANDOM, READ_STAFF_UP, null));
        t.add(tenant("PATCH", "/api/v1/leads/" + RANDOM, STAFF_UP, () -> Map.of("name", "Renamed")));
        t.add(tenant("PUT", "/api/v1/leads/" + RANDOM + "/owner", STAFF_UP, Map::of));
        t.add(tenant("POST", "/api/v1/leads/" + RANDOM + "/notes", STAFF_UP, () -> Map.of("text", "Called")));
        t.add(tenant("POST", "/api/v1/leads/" + RANDOM + "/mark-contacted", STAFF_UP, null));
        t.add(tenant("POST", "/api/v1/leads/" + RANDOM + "/qualify", STAFF_UP, null));
        t.add(tenant("POST", "/api/v1/leads/" + RANDOM + "/reject", STAFF_UP, Map::of));
        t.add(tenant("POST", "/api/v1/leads/" + RANDOM + "/convert", STAFF_UP, null));
        t.add(tenant("DELETE", "/api/v1/leads/" + RANDOM, MANAGER_UP, null));
        // Accounts of the tenant
        t.add(tenant("GET", "/api/v1/users", MANAGER_UP, null));
        t.add(tenant("GET", "/api/v1/users/" + RANDOM, MANAGER_UP, null));
        t.add(tenant(
                "POST",
                "/api/v1/users",
                MANAGER_UP,
                () -> Map.of(
                        "email",
                        "staff-" + shortId() + "@matrix.test",
                        "role",
                        "staff",
                        "password",
                        "staff-password-1")));
        t.add(tenant("PUT", "/api/v1/users/" + RANDOM + "/role", MANAGER_UP, () -> Map.of("role", "staff")));
        t.add(tenant("POST", "/api/v1/users/" + RANDOM + "/deactivate", MANAGER_UP, null));
        t.add(tenant("POST", "/api/v1/users/" + RANDOM + "/reactivate", MANAGER_UP, null));
        t.add(tenant("DELETE", "/api/v1/users/" + RANDOM, MANAGER_UP, null));
        // The tenant itself
        t.add(tenant("GET", "/api/v1/tenant/domains", OWNER, null));
        t.add(tenant(
                "POST", "/api/v1/tenant/domains", OWNER, () -> Map.of("domain", "d-" + shortId() + ".matrix.test")));
        t.add(tenant("POST", "/api/v1/tenant/domains/nothing.matrix.test/verify", OWNER, null));
        t.add(tenant("POST", "/api/v1/tenant/domains/nothing.matrix.test/primary", OWNER, null));
        t.add(tenant("POST", "/api/v1/tenant/domains/nothing.matrix.test/activate", OWNER, null));
        t.add(tenant("POST", "/api/v1/tenant/domains/nothing.matrix.test/deactivate", OWNER, null));
        t.add(tenant("DELETE", "/api/v1/tenant/domains/nothing.matrix.test", OWNER, null));
        t.add(tenant("GET", "/api/v1/tenant/settings", READ_STAFF_UP, null));
        t.add(tenant("PUT", "/api/v1/tenant/settings", OWNER, () -> Platform.settings("Matrix", 0)));
        t.add(tenant("GET", "/api/v1/api-keys", OWNER, null));
        t.add(tenant("GET", "/api/v1/api-keys/" + RANDOM, OWNER, null));
        t.add(tenant(
                "POST", "/api/v1/api-keys", OWNER, () -> Map.of("name", "k-" + shortId(), "roles", List.of("staff"))));
        t.add(tenant("DELETE", "/api/v1/api-keys/" + RANDOM, OWNER, null));
        // Audit: the owner and the auditor, and only in their own tenant
        t.add(tenant("GET", "/api/v1/audit/product/" + RANDOM + "/history", AUDIT, null));
        t.add(tenant("GET", "/api/v1/audit/product/" + RANDOM, AUDIT, null));
        t.add(tenant("GET", "/api/v1/audit/events", AUDIT, null));
        t.add(tenant("GET", "/api/v1/audit/chain/verify", AUDIT, null));
        t.add(tenant("GET", "/api/v1/audit/chain/checkpoints", AUDIT, null));
        t.add(tenant("GET", "/api/v1/audit/chain/checkpoints/" + RANDOM, AUDIT, null));
        // Signing a checkpoint is a write: the owner only (the security chain refuses the auditor)
        t.add(tenant("POST", "/api/v1/audit/chain/checkpoints", OWNER, null));
        // Exports: starting one records no event, so the auditor may (the one write they may send)
        t.add(tenant("POST", "/api/v1/audit/exports", AUDIT, null));
        t.add(tenant("GET", "/api/v1/audit/exports", AUDIT, null));
        t.add(tenant("GET", "/api/v1/audit/exports/" + RANDOM, AUDIT, null));
        t.add(tenant("GET", "/api/v1/audit/exports/" + RANDOM + "/file", AUDIT, null));
        // Erasure: the owner only (a missing subject answers 404 once the caller is let in)
        t.add(tenant("POST", "/api/v1/audit/subjects/contact/" + RANDOM + "/erase", OWNER, null));
        // Live events: every user of the tenant trades their token for a socket ticket (a customer's
        // socket then carries their own orders and payments only); API keys and other tenants do not
        t.add(tenant("POST", "/api/v1/live/tickets", READ_SIGNED_IN, null));
        // The platform
        t.add(platform("GET", "/api/v1/platform/tenants", null));
        t.add(platform("GET", "/api/v1/platform/tenants/" + RANDOM, null));
        t.add(platform("GET", "/api/v1/platform/tenants/by-slug/nothing", null));
        t.add(platform(
                "POST",
                "/api/v1/platform/tenants",
                () -> Map.of(
                        "name",
                        "Matrix",
                        "slug",
                        "matrix-" + shortId(),
                        "owner",
                        Map.of("email", "o@matrix.test", "password", "owner-password-1"))));
        t.add(platform("PATCH", "/api/v1/platform/tenants/" + RANDOM, () -> Map.of("name", "Renamed")));
        t.add(platform("POST", "/api/v1/platform/tenants/" + RANDOM + "/suspend", Map::of));
        t.add(platform("POST", "/api/v1/platform/tenants/" + RANDOM + "/reactivate", null));
        t.add(platform(
                "POST",
                "/api/v1/platform/tenants/" + RANDOM + "/users/" + RANDOM + "/suspend",
                () -> Map.of("reason", "Matrix")));
        t.add(platform("POST", "/api/v1/platform/tenants/" + RANDOM + "/users/" + RANDOM + "/reinstate", null));
        t.add(platform("POST", "/api/v1/platform/tenants/" + RANDOM + "/close", Map::of));
        t.add(platform("PUT", "/api/v1/platform/tenants/" + RANDOM + "/modules", () -> Map.of("preset", "full")));
        t.add(platform("PUT", "/api/v1/platform/tenants/" + RANDOM + "/modules/crm", null));
        t.add(platform("DELETE", "/api/v1/platform/tenants/" + RANDOM + "/modules/crm", null));
        t.add(platform(
                "POST", "/api/v1/platform/tenants/" + RANDOM + "/domains", () -> Map.of("domain", "x.matrix.test")));
        t.add(platform("DELETE", "/api/v1/platform/tenants/" + RANDOM + "/domains/x.matrix.test", null));
        t.add(platform("POST", "/api/v1/platform/tenants/" + RANDOM + "/domains/x.matrix.test/primary", null));
        t.add(platform("POST", "/api/v1/platform/tenants/" + RANDOM + "/domains/x.matrix.test/activate", null));
        t.add(platform("POST", "/api/v1/platform/tenants/" + RANDOM + "/domains/x.matrix.test/deactivate", null));
        t.add(platform(
                "PUT", "/api/v1/platform/tenants/" + RANDOM + "/billing-status", () -> Map.of("billingStatus", "ok")));
        // A tenant's history, exports and offboarding, for the platform: the auditor reads and exports
        t.add(platform("GET", "/api/v1/platform/tenants/" + RANDOM + "/audit/product/" + RANDOM + "/history", null));
        t.add(platform("GET", "/api/v1/platform/tenants/" + RANDOM + "/audit/product/" + RANDOM, null));
        t.add(platform("GET", "/api/v1/platform/tenants/" + RANDOM + "/audit/events", null));
        t.add(new Endpoint("POST", "/api/v1/platform/tenants/" + RANDOM + "/exports", PLATFORM_READ, true, null));
        t.add(platform("GET", "/api/v1/platform/tenants/" + RANDOM + "/exports", null));
        t.add(platform("GET", "/api/v1/platform/tenants/" + RANDOM + "/exports/" + RANDOM, null));
        t.add(platform("GET", "/api/v1/platform/tenants/" + RANDOM + "/exports/" + RANDOM + "/file", null));
        t.add(platform("POST", "/api/v1/platform/tenants/" + RANDOM + "/offboarding", Map::of));
        t.add(platform("GET", "/api/v1/platform/tenants/" + RANDOM + "/offboarding", null));
        // An address that is none: the administrator gets a 400, and nothing is written.
        t.add(platform(
                "POST",
                "/api/v1/platform/auditors",
                () -> Map.of("email", "not-an-address", "password", "auditor-password-1")));
        // Tenant-less and anonymous: a tenant's token is refused there as on any other tenant's domain.
        t.add(new Endpoint(
                "POST",
                "/api/v1/signup/verification",
                EnumSet.of(Caller.ANONYMOUS, Caller.PLATFORM_ADMIN, Caller.PLATFORM_AUDITOR),
                true,
                () -> Map.of("token", "not-a-token")));
        t.add(platform("POST", "/api/v1/platform/credentials/re-encryption", null));
        // Projection rebuilds: an allowed caller names no projection (404) so the matrix rebuilds nothing.
        t.add(platform(
                "POST", "/api/v1/platform/projections/no-such-projection/rebuild", () -> Map.of("tenantId", RANDOM)));
        t.add(platform("GET", "/api/v1/platform/projections/rebuilds/" + RANDOM, null));
        // The checkpoint keys are public: anyone checks a checkpoint with them.
        t.add(new Endpoint(
                "GET",
                "/.well-known/audit-keys.json",
                EnumSet.of(Caller.ANONYMOUS, Caller.PLATFORM_ADMIN, Caller.PLATFORM_AUDITOR),
                true,
                null));
        // Rotates the shared context's signing key: every token signed so far keeps working until it expires.
        t.add(platform("POST", "/api/v1/platform/signing-keys/rotations", null));
        t.add(new Endpoint("GET", "/actuator/prometheus", PLATFORM, true, null));
        return t;
    }

    /** Endpoints outside the table on purpose: sign-in flows, each covered by its own tests. */
    private static final Set<String> SIGN_IN_FLOWS = Set.of(
            "POST /api/v1/auth/login",
            "POST /api/v1/auth/refresh",
            "POST /api/v1/auth/logout",
            "POST /api/v1/auth/revoke-all",
            "POST /api/v1/auth/register",
            "POST /api/v1/auth/password-reset",
            "POST /api/v1/auth/password-reset/confirm",
            // Creates a tenant, at 3 an hour per address: SignUpTest covers it from addresses of its own.
            "POST /api/v1/signup",
            // Mails a token, at 3 an hour per address: SignUpTest covers it, anonymous, from addresses of its own.
            "POST /api/v1/signup/resend",
            "POST /api/v1/account/password",
            "GET /.well-known/jwks.json");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    Api api;
    Platform.Shop shop;
    final Map<Caller, String> tokens = new java.util.EnumMap<>(Caller.class);

    @BeforeAll
    void signInEveryCaller() {
        api = new Api(port);
        Platform platform = new Platform(api);
        shop = platform.newShop();
        String owner = platform.ownerToken(shop);
        tokens.put(Caller.OWNER, owner);
        tokens.put(Caller.MANAGER, platform.staffToken(shop, owner, "manager"));
        tokens.put(Caller.STAFF, platform.staffToken(shop, owner, "staff"));
        tokens.put(Caller.AUDITOR, platform.staffToken(shop, owner, "auditor"));
        String customerEmail = "customer-" + shortId() + "@" + shop.domain();
        Api.Response registered = api.post("/api/v1/auth/register")
                .origin(shop.domain())
                .json(Map.of("email", customerEmail, "password", "customer-password-1", "displayName", "C"))
                .send();
        registered.assertStatus(201);
        // The CRM makes the new customer a contact, asynchronously; the rows below count events, so
        // that write must be over before they start.
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> api.get("/api/v1/contacts?q=" + customerEmail)
                                .in(shop, owner)
                                .send()
                                .json()
                                .get("items")
                                .size()
                        == 1);
        tokens.put(
                Caller.CUSTOMER,
                platform.login(shop, customerEmail, "customer-password-1")
                        .json()
                        .get("accessToken")
                        .asText());
        tokens.put(Caller.OTHER_TENANT_OWNER, platform.ownerToken(platform.newShop()));
        String admin = platform.adminToken();
        tokens.put(Caller.PLATFORM_ADMIN, admin);
        String auditorEmail = "auditor-" + shortId() + "@platform.test";
        api.post("/api/v1/platform/auditors")
                .bearer(admin)
                .json(Map.of("email", auditorEmail, "password", "auditor-password-1"))
                .send()
                .assertStatus(201);
        tokens.put(
                Caller.PLATFORM_AUDITOR,
                org.awaitility.Awaitility.await()
                        .atMost(java.time.Duration.ofSeconds(10))
                        .until(
                                () -> api.post("/api/v1/auth/login")
                                        .json(Map.of("email", auditorEmail, "password", "auditor-password-1"))
                                        .send(),
                                r -> r.status() == 200)
                        .json()
                        .get("accessToken")
                        .asText());
    }

    Stream<Arguments> everyEndpointForEveryCaller() {
        return table().stream().flatMap(e -> Stream.of(Caller.values()).map(c -> Arguments.of(e, c)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("everyEndpointForEveryCaller")
    @DisplayName("each endpoint admits exactly the callers of the table, and a refused call writes nothing")
    void accessFollowsTheTable(Endpoint endpoint, Caller caller) {
        long eventsBefore = events();
        Api.Call call = switch (endpoint.method()) {
            case "GET" -> api.get(endpoint.path());
            case "POST" -> api.post(endpoint.path());
            case "PUT" -> api.put(endpoint.path());
            case "PATCH" -> api.patch(endpoint.path());
            case "DELETE" -> api.delete(endpoint.path());
            default -> throw new IllegalArgumentException(endpoint.method());
        };
        if (!endpoint.tenantLess()) {
            call.origin(shop.domain());
        }
        if (caller != Caller.ANONYMOUS) {
            call.bearer(tokens.get(caller));
        }
        if (endpoint.body() != null) {
            Object body = endpoint.body().get();
            if (body instanceof Multipart form) {
                call.header("Content-Type", form.contentType()).bytes(form.body());
            } else {
                call.json(body);
            }
        }
        Api.Response response = call.send();
        if (endpoint.allowed().contains(caller)) {
            assertThat(response.status()).as(response.toString()).isNotIn(401, 403);
        } else {
            assertThat(response.status()).as(response.toString()).isIn(401, 403);
            assertThat(events()).as("a refused call writes nothing").isEqualTo(eventsBefore);
        }
    }

    /**
     * What an auditor may change: their own sign-in state (a session; a ticket for their live event
     * socket, which only reads), nothing of the tenant.
     */
    private static final Set<String> OWN_SIGN_IN =
            Set.of("DELETE /api/v1/auth/sessions/" + RANDOM, "POST /api/v1/live/tickets");

    /** Starting an export reads the history into a file and records no event: the auditor's one other write. */
    private static final Set<String> EXPORTS =
            Set.of("POST /api/v1/audit/exports", "POST /api/v1/platform/tenants/" + RANDOM + "/exports");

    @Test
    @DisplayName("an auditor is refused every command: each write of the table but their own sessions excludes them")
    void auditorsNeverCommand() {
        List<Endpoint> writes = table().stream()
                .filter(e -> !e.method().equals("GET"))
                .filter(e -> !e.allowed().contains(Caller.ANONYMOUS))
                .filter(e -> !OWN_SIGN_IN.contains(e.toString()))
                .filter(e -> !EXPORTS.contains(e.toString()))
                .toList();
        assertThat(writes).hasSizeGreaterThan(50);
        assertThat(writes)
                .as("writes that admit an auditor (each is also called as the auditor above)")
                .allSatisfy(e -> assertThat(e.allowed()).doesNotContain(Caller.AUDITOR, Caller.PLATFORM_AUDITOR));
        assertThat(table())
                .as("the exports an auditor may start, and nothing else of the audit")
                .filteredOn(e -> !e.method().equals("GET")
                        && !e.allowed().contains(Caller.ANONYMOUS)
                        && e.allowed().contains(Caller.AUDITOR))
                .extracting(Endpoint::toString)
                .containsExactlyInAnyOrder(
                        "DELETE /api/v1/auth/sessions/" + RANDOM,
                        "POST /api/v1/live/tickets",
                        "POST /api/v1/audit/exports");
        assertThat(table())
                .as("the platform auditor reads every platform read")
                .filteredOn(e -> e.method().equals("GET") && e.path().startsWith("/api/v1/platform/"))
                .allSatisfy(e -> assertThat(e.allowed()).contains(Caller.PLATFORM_AUDITOR));
        assertThat(table())
                .as("the auditor reads what staff read, and the audit")
                // The checkout sends a buyer on to pay: the buyer's step, not a read.
                .filteredOn(e -> e.method().equals("GET")
                        && e.allowed().contains(Caller.STAFF)
                        && !e.path().endsWith("/checkout"))
                .allSatisfy(e -> assertThat(e.allowed()).contains(Caller.AUDITOR));
    }

    @Test
    @DisplayName("the table lists every endpoint the application serves")
    void tableIsComplete() {
        Set<String> listed = new java.util.TreeSet<>(SIGN_IN_FLOWS);
        for (Endpoint e : table()) {
            listed.add(e.method() + " " + e.path().replace(RANDOM, "{id}"));
        }
        List<String> missing = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/") && !pattern.startsWith("/.well-known")) {
                    continue;
                }
                for (var method : info.getMethodsCondition().getMethods()) {
                    String key = method.name() + " " + pattern;
                    if (listed.stream().noneMatch(l -> matches(l, key))) {
                        missing.add(key);
                    }
                }
            }
        }
        assertThat(missing).as("endpoints missing from the access table").isEmpty();
    }

    /** Whether a listed call (with concrete values) is an instance of a mapped pattern. */
    private static boolean matches(String listed, String pattern) {
        String regex = java.util.regex.Pattern.quote(pattern).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
        return listed.matches(regex);
    }

    private long events() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }

    private static Endpoint tenant(String method, String path, Set<Caller> allowed, Supplier<Object> body) {
        return new Endpoint(method, path, allowed, false, body);
    }

    /** A platform route: its reads are also the platform auditor's, everything else the administrator's only. */
    private static Endpoint platform(String method, String path, Supplier<Object> body) {
        return new Endpoint(method, path, method.equals("GET") ? PLATFORM_READ : PLATFORM, true, body);
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static Object product() {
        return Platform.productBody("P", "p-" + shortId(), "digital", 100);
    }

    /** An invoice in a currency that does not exist: allowed callers get a 400, and nothing is written. */
    private static Object invoice() {
        return Map.of(
                "currency",
                "XYZ",
                "buyer",
                Map.of("name", "B"),
                "lines",
                List.of(Map.of("description", "D", "quantity", 1, "unitPriceMinor", 100)));
    }

    /** A contact with an address that is none: allowed callers get a 400, and nothing is written. */
    private static Object contact() {
        return Map.of("name", "C", "emails", List.of("not-an-address"));
    }

    /** A form without an email or phone field: allowed callers get a 400, and nothing is written. */
    private static Object leadForm() {
        return Map.of(
                "formKey",
                "f-" + shortId(),
                "name",
                "Quiz",
                "fields",
                List.of(Map.of("key", "name", "label", "Name", "type", "text")));
    }

    /** An order for a product that does not exist: allowed callers get a 400, and nothing is written. */
    private static Object order() {
        return Map.of(
                "customerId",
                RANDOM,
                "lines",
                List.of(Map.of("productId", RANDOM, "quantity", 1)),
                "billing",
                Map.of("name", "N", "line1", "L", "city", "C", "postalCode", "P", "country", "US"));
    }
}
