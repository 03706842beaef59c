package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.invoicing.InvoiceKind;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Orders;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import dev.tenantcore.command.invoicing.InvoiceNumbers;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class InvoicingTest extends ShopTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A business client billed at the same postal address as the shop's customers. */
    private static final Map<String, Object> CLIENT = client();
    /** 3 hours at 80.00 with 21 % tax and a 9.99 book at 9 %: 249.99 net, 51.30 tax, 301.29 total. */
    private static final List<Map<String, Object>> LINES = List.of(
            Map.of("description", "Consulting", "quantity", 3, "unitPriceMinor", 8000, "taxRateBasisPoints", 2100),
            Map.of("description", "Book", "quantity", 1, "unitPriceMinor", 999, "taxRateBasisPoints", 900));

    @Autowired
    InvoiceNumbers numbers;

    private static Map<String, Object> client() {
        Map<String, Object> client = new HashMap<>(Orders.BILLING);
        client.put("name", "Client Co");
        client.put("email", "ap@client.test");
        return Map.copyOf(client);
    }

    @Autowired
    @Qualifier("transactionManager")
    PlatformTransactionManager transactions;

    private static String year() {
        return String.valueOf(LocalDate.now(ZoneOffset.UTC).getYear());
    }

    private Api.Response draft(String token) {
        return submit(token, "/api/v1/invoices", Map.of("currency", "EUR", "buyer", CLIENT, "lines", LINES));
    }

    private Api.Response act(String token, String id, String action) {
        return transition(token, "/api/v1/invoices/" + id + "/" + action);
    }

    private Api.Response get(Platform.Shop in, String token, String path) {
        return api.get(path).in(in, token).send();
    }

    /** Chooses the shop's modules as the platform administrator does. */
    private void changeModules(String admin, Map<String, Object> choice) {
        api.put("/api/v1/platform/tenants/" + shop.id() + "/modules")
                .bearer(admin)
                .json(choice)
                .send()
                .assertStatus(200);
    }

    /** Waits until {@code path} is refused as module_disabled: module changes reach the edge asynchronously. */
    private void awaitModuleDisabled(String path) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> "module_disabled".equals(get(shop, owner, path).code()));
    }

    /** The shop's only document of {@code kind} (invoice, credit_note), once it reads {@code status}. */
    private JsonNode awaitOnly(String kind, String status) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(
                        () -> get(shop, owner, "/api/v1/invoices?kind=" + kind)
                                .json()
                                .get("items"),
                        items -> items.size() == 1
                                && items.get(0).get("status").asText().equals(status))
                .get(0);
    }

    /** The problem body apart from {@code instance}, which names the request's own path. */
    private static JsonNode problem(Api.Response response) {
        JsonNode body = response.json();
        ((ObjectNode) body).remove("instance");
        return body;
    }

    private long events() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }

    @Test
    @DisplayName("a billing tenant drafts, changes, issues and is paid for an invoice; numbers come at issue")
    void directInvoiceFlow() {
        Api.Response created = draft(owner);
        created.assertStatus(201);
        String id = created.json().get("id").asText();
        assertThat(created.header("Location")).isEqualTo("/api/v1/invoices/" + id);
        JsonNode draft = created.json();
        assertThat(draft.get("status").asText()).isEqualTo("draft");
        assertThat(draft.get("kind").asText()).isEqualTo("invoice");
        assertThat(draft.get("number").isNull()).isTrue();
        assertThat(draft.get("seller").get("name").asText()).isEqualTo("Shop " + shop.slug());
        assertThat(draft.get("totals").get("netMinor").asLong()).isEqualTo(24999);
        assertThat(draft.get("totals").get("taxMinor").asLong()).isEqualTo(5130);
        assertThat(draft.get("totals").get("totalMinor").asLong()).isEqualTo(30129);
        assertThat(draft.get("lines")).hasSize(2);

        Api.Response stale = api.patch("/api/v1/invoices/" + id)
                .in(shop, owner)
                .ifMatch(7)
                .json(Map.of("buyer", Map.of("name", "Renamed Co")))
                .send();
        stale.assertStatus(412);
        Api.Response changed = api.patch("/api/v1/invoices/" + id)
                .in(shop, owner)
                .header("If-Match", created.header("ETag"))
                .returningRepresentation()
                .json(Map.of("buyer", Map.of("name", "Renamed Co")))
                .send();
        changed.assertStatus(200);
        assertThat(changed.json().get("buyer").get("name").asText()).isEqualTo("Renamed Co");
        assertThat(changed.json().get("lines")).hasSize(2);

        Api.Response issued = act(owner, id, "issue");
        issued.assertStatus(200);
        assertThat(issued.json().get("status").asText()).isEqualTo("issued");
        assertThat(issued.json().get("number").asText()).isEqualTo("INV-" + year() + "-000001");
        assertThat(issued.json().get("issuedAt").isNull()).isFalse();

        Api.Response edit = api.patch("/api/v1/invoices/" + id)
                .in(shop, owner)
                .json(Map.of("buyer", Map.of("name", "Too Late")))
                .send();
        edit.assertProblem(409, "invalid_state");
        assertThat(act(owner, id, "issue").code()).isEqualTo("invalid_state");

        Api.Response paid = act(owner, id, "mark-paid");
        paid.assertStatus(200);
        assertThat(paid.json().get("status").asText()).isEqualTo("paid");
        Api.Response voided = act(owner, id, "void");
        voided.assertProblem(409, "invalid_state");

        String second = draft(owner).json().get("id").asText();
        assertThat(act(owner, second, "void").json().get("status").asText()).isEqualTo("void");

        Api.Response byNumber = get(shop, owner, "/api/v1/invoices?number=INV-" + year() + "-000001");
        assertThat(byNumber.json().get("items")).hasSize(1);
        assertThat(byNumber.json().get("items").get(0).get("id").asText()).isEqualTo(id);
        assertThat(get(shop, owner, "/api/v1/invoices?status=void").json().get("items"))
                .hasSize(1);
        assertThat(get(shop, owner, "/api/v1/invoices?kind=credit_note").json().get("items"))
                .isEmpty();
        Api.Response paged = get(shop, owner, "/api/v1/invoices?limit=1");
        assertThat(paged.json().get("items")).hasSize(1);
        String cursor = paged.json().get("nextCursor").asText();
        assertThat(get(shop, owner, "/api/v1/invoices?limit=1&cursor=" + cursor)
                        .json()
                        .get("items")
                        .get(0)
                        .get("id")
                        .asText())
                .isEqualTo(id);
        assertThat(get(
                                shop,
                                owner,
                                "/api/v1/invoices?issuedFrom=2000-01-01T00:00:00Z&issuedBefore=2001-01-01T00:00:00Z")
                        .json()
                        .get("items"))
                .isEmpty();
    }

    @Test
    @DisplayName("a billing-only tenant invoices its clients; a tenant without billing is refused as module_disabled")
    void invoicingBelongsToBilling() {
        String admin = platform.adminToken();
        changeModules(admin, Map.of("preset", "billing-only"));
        awaitModuleDisabled("/api/v1/products");
        assertThat(draft(owner).status()).isEqualTo(201);

        changeModules(admin, Map.of("preset", "crm-only"));
        awaitModuleDisabled("/api/v1/invoices");
        long before = events();
        Api.Response refused = draft(owner);
        refused.assertProblem(403, "module_disabled");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    @DisplayName("bad input is a 400 problem with a stable code, never a 500")
    void badInputAndRoles() {
        Api.Response noLines = api.post("/api/v1/invoices")
                .in(shop, owner)
                .json(Map.of("currency", "EUR", "buyer", CLIENT, "lines", List.of()))
                .send();
        noLines.assertProblem(400, "validation_failed");
        Api.Response badCurrency = api.post("/api/v1/invoices")
                .in(shop, owner)
                .json(Map.of("currency", "XYZ", "buyer", CLIENT, "lines", LINES))
                .send();
        badCurrency.assertStatus(400);
        assertThat(get(shop, owner, "/api/v1/invoices/not-a-uuid").status()).isEqualTo(400);
    }

    @Test
    @DisplayName("a malformed Accept header gets 400 malformed_request, never a 500")
    void malformedAccept() {
        String id = draft(owner).json().get("id").asText();
        String tooMany = String.join(", ", java.util.Collections.nCopies(51, "application/json"));
        for (String accept : List.of("application/pdf;q=abc", "pdf", tooMany)) {
            Api.Response read = api.get("/api/v1/invoices/" + id)
                    .in(shop, owner)
                    .header("Accept", accept)
                    .send();
            assertThat(read.status())
                    .as(accept.substring(0, Math.min(40, accept.length())) + " → " + read)
                    .isEqualTo(400);
            assertThat(read.code()).isEqualTo("malformed_request");
        }
        api.get("/api/v1/invoices/" + id).in(shop, owner).send().assertStatus(200);
    }

    @Test
    @DisplayName("an Accept that excludes both JSON and PDF gets 406 not_acceptable naming both")
    void unacceptableAccept() {
        String id = draft(owner).json().get("id").asText();
        Api.Response refused = api.get("/api/v1/invoices/" + id)
                .in(shop, owner)
                .header("Accept", "text/csv")
                .send();
        refused.assertProblem(406, "not_acceptable");
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asText()).contains("application/json", "application/pdf");
    }

    @Test
    @DisplayName("an invoice renders as a PDF with its number, buyer and total in the tenant's locale")
    void rendersAPdf() throws IOException, InterruptedException {
        // Waits until the settings are readable: the seller on the invoice is taken from them.
        Api.Response settings = api.put("/api/v1/tenant/settings")
                .in(shop, owner)
                .returningRepresentation()
                .json(Map.of(
                        "displayName", "Luna Consulting",
                        "locale", "en-US",
                        "currency", "EUR",
                        "timezone", "UTC",
                        "taxRateBasisPoints", 0,
                        "branding", Map.of("primaryColor", "#112233", "accentColor", "#ddeeff")))
                .send();
        settings.assertStatus(200);
        String id = draft(owner).json().get("id").asText();
        String number = act(owner, id, "issue").json().get("number").asText();

        String text = pdfText(id);
        assertThat(text).contains(number, "Client Co", "Luna Consulting", "€301.29", "Consulting");

        Api.Response json = get(shop, owner, "/api/v1/invoices/" + id);
        assertThat(json.header("Content-Type")).startsWith("application/json");
        Api.Response missingPdf = api.get("/api/v1/invoices/" + UUID.randomUUID())
                .in(shop, owner)
                .header("Accept", "application/pdf")
                .send();
        missingPdf.assertStatus(404);
    }

    /** The text of the shop's invoice {@code id} as its owner downloads it as a PDF. */
    private String pdfText(String id) throws IOException, InterruptedException {
        HttpResponse<byte[]> pdf = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/invoices/" + id))
                        .header("Origin", "http://" + shop.domain() + ":3000")
                        .header("Authorization", "Bearer " + owner)
                        .header("Accept", "application/pdf")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            return new PDFTextStripper().getText(document);
        }
    }

    @Test
    @DisplayName("a credit note names the invoice it corrects, by number and id, in its JSON and in its PDF")
    void creditNoteNamesTheInvoice() throws IOException, InterruptedException {
        String orderId = paidOrder(product());
        JsonNode invoice = awaitOnly("invoice", "paid");
        api.post("/api/v1/orders/" + orderId + "/cancel").in(shop, owner).send().assertStatus(200);

        JsonNode creditNote = awaitOnly("credit_note", "issued");
        String invoiceNumber = invoice.get("number").asText();
        assertThat(creditNote.get("creditsInvoiceId").asText())
                .isEqualTo(invoice.get("id").asText());
        assertThat(creditNote.path("creditsInvoiceNumber").asText()).isEqualTo(invoiceNumber);
        JsonNode detail = get(
                        shop, owner, "/api/v1/invoices/" + creditNote.get("id").asText())
                .json();
        assertThat(detail.path("creditsInvoiceNumber").asText()).isEqualTo(invoiceNumber);
        assertThat(pdfText(creditNote.get("id").asText()))
                .contains(creditNote.get("number").asText(), "Credit note", "Corrects invoice " + invoiceNumber);
    }

    @Test
    @DisplayName("200 invoices issued at once get the numbers 1 to 200, without a gap or a duplicate")
    void concurrentIssuesAreGapless() throws Exception {
        int count = 200;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Api.Response created = api.post("/api/v1/invoices")
                    .in(shop, owner)
                    .json(Map.of("currency", "EUR", "buyer", CLIENT, "lines", LINES))
                    .send();
            created.assertStatus(201);
            ids.add(created.json().get("id").asText());
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Api.Response>> issues = ids.stream()
                    .map(id -> (Callable<Api.Response>) () -> api.post("/api/v1/invoices/" + id + "/issue")
                            .in(shop, owner)
                            .send())
                    .toList();
            for (Future<Api.Response> issued : pool.invokeAll(issues)) {
                assertThat(issued.get().status()).as(issued.get().toString()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        Set<String> expected = IntStream.rangeClosed(1, count)
                .mapToObj(n -> "INV-%s-%06d".formatted(year(), n))
                .collect(Collectors.toCollection(TreeSet::new));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> numbers = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = get(
                                shop,
                                owner,
                                "/api/v1/invoices?status=issued&limit=100"
                                        + (cursor == null ? "" : "&cursor=" + cursor))
                        .json();
                page.get("items").forEach(i -> numbers.add(i.get("number").asText()));
                cursor = page.get("nextCursor").isNull()
                        ? null
                        : page.get("nextCursor").asText();
            } while (cursor != null);
            assertThat(numbers).hasSize(count).doesNotHaveDuplicates();
            assertThat(new TreeSet<>(numbers)).isEqualTo(expected);
        });
    }

    @Test
    @DisplayName("a number taken by an issue that rolls back is given to the next issue")
    void rolledBackIssuesGiveTheirNumberBack() {
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        Instant now = Instant.now();
        try (var scope = TenantContext.enter(TenantId.of(shop.id()), null)) {
            String rolledBack = transaction.execute(status -> {
                status.setRollbackOnly();
                return numbers.next(InvoiceKind.INVOICE, now);
            });
            String committed = transaction.execute(status -> numbers.next(InvoiceKind.INVOICE, now));
            String next = transaction.execute(status -> numbers.next(InvoiceKind.INVOICE, now));
            String creditNote = transaction.execute(status -> numbers.next(InvoiceKind.CREDIT_NOTE, now));
            assertThat(rolledBack).isEqualTo(committed).isEqualTo("INV-" + year() + "-000001");
            assertThat(next).isEqualTo("INV-" + year() + "-000002");
            assertThat(creditNote).isEqualTo("CN-" + year() + "-000001");
        }
    }

    @Test
    @DisplayName("a paid order is invoiced once, and cancelling it with a refund due issues a credit note")
    void ordersAreInvoicedAndCredited() {
        Api.Response product = api.post("/api/v1/products")
                .in(shop, owner)
                .json(Map.of(
                        "name", "Mug",
                        "slug", "mug",
                        "kind", "physical",
                        "price", Map.of("amountMinor", 1250, "currency", "EUR"),
                        "stock", 10))
                .send();
        product.assertStatus(201);
        Map<String, Object> order = new HashMap<>();
        order.put("customerId", platform.newCustomer(shop).id());
        order.put("lines", List.of(Map.of("productId", product.json().get("id").asText(), "quantity", 2)));
        order.put("billing", Orders.BILLING);
        order.put("shippingMinor", 400);
        Api.Response placed =
                api.post("/api/v1/orders").in(shop, owner).json(order).send();
        placed.assertStatus(201);
        String orderId = placed.json().get("id").asText();
        api.post("/api/v1/orders/" + orderId + "/mark-paid")
                .in(shop, owner)
                .send()
                .assertStatus(200);

        JsonNode invoice = awaitOnly("invoice", "paid");
        assertThat(invoice.get("orderId").asText()).isEqualTo(orderId);
        assertThat(invoice.get("number").asText()).isEqualTo("INV-" + year() + "-000001");
        assertThat(invoice.get("buyer").get("name").asText()).isEqualTo("Alice");
        assertThat(invoice.get("totals").get("totalMinor").asLong()).isEqualTo(2900);
        JsonNode detail = get(
                        shop, owner, "/api/v1/invoices/" + invoice.get("id").asText())
                .json();
        assertThat(detail.get("lines")).hasSize(2);
        assertThat(detail.get("lines").get(1).get("description").asText()).isEqualTo("Shipping");

        api.post("/api/v1/orders/" + orderId + "/cancel").in(shop, owner).send().assertStatus(200);
        JsonNode creditNote = awaitOnly("credit_note", "issued");
        assertThat(creditNote.get("creditsInvoiceId").asText())
                .isEqualTo(invoice.get("id").asText());
        assertThat(creditNote.get("number").asText()).isEqualTo("CN-" + year() + "-000001");
        assertThat(creditNote.get("totals").get("totalMinor").asLong()).isEqualTo(-2900);
        assertThat(get(shop, owner, "/api/v1/invoices").json().get("items")).hasSize(2);
    }

    @Test
    @DisplayName("a tenant without billing gets no invoice for a paid order, and its order events are not parked")
    void onlyBillingTenantsInvoiceOrders() {
        String admin = platform.adminToken();
        changeModules(admin, Map.of("modules", List.of("storefront")));
        awaitModuleDisabled("/api/v1/invoices");
        String product = product();
        String unbilled = paidOrder(product);
        // Billing comes back only once the invoicing policy has passed the unbilled order's payment.
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> invoicingPassed(unbilled));

        changeModules(admin, Map.of("preset", "full"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> get(shop, owner, "/api/v1/invoices").status() == 200);
        String billed = paidOrder(product);

        // One processor handles both orders in the order they were paid: once the second is invoiced,
        // the first has been handled too.
        JsonNode items = Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> get(shop, owner, "/api/v1/invoices").json().get("items"), i -> i.size() >= 1);
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("orderId").asText()).isEqualTo(billed);
        Long parked = jdbc.queryForObject(
                "SELECT count(*) FROM dead_letter_entry WHERE processing_group = 'order-invoicing'"
                        + " AND aggregate_identifier = ?",
                Long.class,
                unbilled);
        assertThat(parked).isZero();
    }

    private String product() {
        Api.Response product = api.post("/api/v1/products")
                .in(shop, owner)
                .json(Map.of(
                        "name",
                        "Tea",
                        "slug",
                        "tea-" + UUID.randomUUID().toString().substring(0, 8),
                        "kind",
                        "physical",
                        "price",
                        Map.of("amountMinor", 499, "currency", "EUR"),
                        "stock",
                        10))
                .send();
        product.assertStatus(201);
        return product.json().get("id").asText();
    }

    /** Whether the order-invoicing processor's token is past every event of the order. */
    private boolean invoicingPassed(String orderId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT (t.token ->> 'index')::bigint >= e.last
                       AND NOT coalesce(t.token -> 'gaps' @> to_jsonb(e.last), FALSE)
                  FROM (SELECT convert_from(token, 'UTF8')::jsonb AS token FROM token_entry
                         WHERE processor_name = 'order-invoicing' AND segment = 0) t,
                       (SELECT max(global_index) AS last FROM domain_event_entry
                         WHERE aggregate_identifier = ?) e
                """, Boolean.class, orderId));
    }

    private String paidOrder(String productId) {
        Api.Response placed = api.post("/api/v1/orders")
                .in(shop, owner)
                .json(Map.of(
                        "customerId",
                        platform.newCustomer(shop).id(),
                        "lines",
                        List.of(Map.of("productId", productId, "quantity", 1)),
                        "billing",
                        Map.of(
                                "name",
                                "Bob",
                                "line1",
                                "2 Side St",
                                "city",
                                "Shelbyville",
                                "postalCode",
                                "54321",
                                "country",
                                "US")))
                .send();
        placed.assertStatus(201);
        String orderId = placed.json().get("id").asText();
        Api.Response paid = api.post("/api/v1/orders/" + orderId + "/mark-paid")
                .in(shop, owner)
                .send();
        paid.assertStatus(200);
        return orderId;
    }

    @Test
    @DisplayName("another tenant and an attacker cannot read or change an invoice, and learn nothing from trying")
    void otherTenantsCannotReachInvoices() {
        String id = draft(owner).json().get("id").asText();
        Platform.Shop other = platform.newShop();
        String intruder = platform.ownerToken(other);
        Api.Response missing = get(other, intruder, "/api/v1/invoices/" + UUID.randomUUID());
        missing.assertStatus(404);

        long before = events();
        Api.Response read = get(other, intruder, "/api/v1/invoices/" + id);
        read.assertStatus(404);
        assertThat(problem(read)).isEqualTo(problem(missing));
        for (String action : List.of("issue", "mark-paid", "void")) {
            Api.Response attempt = api.post("/api/v1/invoices/" + id + "/" + action)
                    .in(other, intruder)
                    .send();
            Api.Response absent = api.post("/api/v1/invoices/" + UUID.randomUUID() + "/" + action)
                    .in(other, intruder)
                    .send();
            attempt.assertStatus(404);
            assertThat(problem(attempt)).isEqualTo(problem(absent));
        }
        Api.Response patch = api.patch("/api/v1/invoices/" + id)
                .in(other, intruder)
                .json(Map.of("buyer", Map.of("name", "Mine now")))
                .send();
        patch.assertStatus(404);
        assertThat(get(other, intruder, "/api/v1/invoices").json().get("items")).isEmpty();

        // A token of the other tenant on this tenant's origin, and no token at all.
        assertThat(get(shop, intruder, "/api/v1/invoices/" + id).status()).isIn(401, 403);
        api.post("/api/v1/invoices/" + id + "/issue")
                .origin(shop.domain())
                .send()
                .assertStatus(401);
        assertThat(events()).as("refused calls write nothing").isEqualTo(before);
        assertThat(get(shop, owner, "/api/v1/invoices/" + id)
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("draft");
    }
}
