package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.notifications.MailSettingsChangedEvent;
import dev.tenantcore.api.notifications.MailSettingsDisabledEvent;
import dev.tenantcore.api.notifications.MailSettingsId;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.MediaFiles;
import dev.tenantcore.app.support.Orders;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import dev.tenantcore.infra.mail.MailOutbox;
import dev.tenantcore.infra.mail.MailTemplate;
import dev.tenantcore.infra.mail.OutgoingMail;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Mail that is really sent: a shop's SMTP sender against GreenMail (a real SMTP server in this JVM),
 * read back as received — parts, attachment, headers — for every template in both languages, and
 * the delivery log, retries and isolation around it.
 */
class EmailTest extends ShopTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @Autowired
    MailOutbox outbox;

    @Autowired
    JdbcTemplate jdbc;

    private Map<String, Object> smtpSettings(int port) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("senderName", "Shop Mailer");
        settings.put("senderAddress", "shop@" + shop.domain());
        settings.put("replyTo", "help@" + shop.domain());
        settings.put("provider", "smtp");
        settings.put("smtpHost", "127.0.0.1");
        settings.put("smtpPort", port);
        settings.put("smtpSecurity", "none");
        return settings;
    }

    private void useGreenMail() {
        saveMailSettings(smtpSettings(mail.getSmtp().getPort())).assertStatus(200);
    }

    /** PUTs the shop's mail settings based on those it has now: with their ETag as If-Match once there are some. */
    private Api.Response saveMailSettings(Map<String, Object> settings) {
        Api.Response current = api.get("/api/v1/email/settings").in(shop, owner).send();
        Api.Call put = api.put("/api/v1/email/settings").in(shop, owner);
        if (current.status() == 200) {
            put = put.header("If-Match", current.header("ETag"));
        }
        return put.json(settings).send();
    }

    private void speak(String locale) {
        Map<String, Object> settings = new HashMap<>(Platform.settings("Tienda " + shop.slug(), 2100));
        settings.put("locale", locale);
        settings.put("branding", Map.of("primaryColor", "#112233", "accentColor", "#445566"));
        api.put("/api/v1/tenant/settings").in(shop, owner).json(settings).send().assertStatus(200);
    }

    /** The one mail to {@code to} whose subject starts with {@code subject}, once it has arrived. */
    private MimeMessage received(String to, String subject) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> find(to, subject), Optional::isPresent)
                .orElseThrow();
    }

    private Optional<MimeMessage> find(String to, String subject) {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            if (Arrays.stream(recipients(message)).anyMatch(to::equals)
                    && subject(message).startsWith(subject)) {
                found.add(message);
            }
        }
        assertThat(found).as("mails to %s about %s", to, subject).hasSizeLessThanOrEqualTo(1);
        return found.stream().findFirst();
    }

    private static String[] recipients(MimeMessage message) {
        try {
            return Arrays.stream(message.getAllRecipients())
                    .map(Object::toString)
                    .toArray(String[]::new);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The mail's parts by content type (text/plain, text/html, application/pdf), nested ones included. */
    private static Map<String, Part> parts(Part part) throws Exception {
        Map<String, Part> parts = new HashMap<>();
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                parts.putAll(parts(child));
            }
        } else {
            parts.put(part.getContentType().split(";")[0].trim().toLowerCase(), part);
        }
        return parts;
    }

    private static String text(Part part) throws Exception {
        return String.valueOf(part.getContent());
    }

    private String emailOf(String token) {
        return api.get("/api/v1/auth/me")
                .in(shop, token)
                .send()
                .json()
                .get("email")
                .asText();
    }

    /** Queues a test mail to the owner: its delivery's id. */
    private String testMail() {
        Api.Response queued =
                api.post("/api/v1/email/settings/test").in(shop, owner).send();
        queued.assertStatus(202);
        return queued.json().get("id").asText();
    }

    private JsonNode deliveries(String query) {
        Api.Response list =
                api.get("/api/v1/email/deliveries" + query).in(shop, owner).send();
        list.assertStatus(200);
        return list.json().get("items");
    }

    @Test
    @DisplayName("an owner's SMTP sender is stored without showing its password, verified, and sends a test mail")
    void smtpSettingsVerifyAndTest() throws Exception {
        Map<String, Object> settings = smtpSettings(mail.getSmtp().getPort());
        settings.put("smtpUsername", "mailer");
        settings.put("smtpPassword", "smtp-secret-password");
        mail.setUser("shop@" + shop.domain(), "mailer", "smtp-secret-password");
        Api.Response saved =
                api.put("/api/v1/email/settings").in(shop, owner).json(settings).send();
        saved.assertStatus(200);
        assertThat(saved.body()).doesNotContain("smtp-secret-password");
        assertThat(saved.json().get("secretSet").asBoolean()).isTrue();
        assertThat(saved.json().get("enabled").asBoolean()).isTrue();

        api.post("/api/v1/email/settings/verify").in(shop, owner).send().assertStatus(200);

        Api.Response queued =
                api.post("/api/v1/email/settings/test").in(shop, owner).send();
        queued.assertStatus(202);
        String messageId = queued.json().get("messageId").asText();
        MimeMessage test = received(shop.ownerEmail(), "Test mail from");
        assertThat(test.getMessageID()).isEqualTo(messageId);
        assertThat(test.getFrom()[0].toString()).isEqualTo("Shop Mailer <shop@" + shop.domain() + ">");
        assertThat(test.getReplyTo()[0].toString()).isEqualTo("help@" + shop.domain());
        assertThat(test.getHeader("X-Tenantcore-Delivery")[0])
                .isEqualTo(queued.json().get("id").asText());
        Map<String, Part> parts = parts(test);
        assertThat(parts).containsKeys("text/plain", "text/html");
        assertThat(text(parts.get("text/plain"))).contains("This is a test mail");
        assertThat(text(parts.get("text/html"))).contains("This is a test mail", "<html lang=\"en\"");

        String id = queued.json().get("id").asText();
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode delivery = api.get("/api/v1/email/deliveries/" + id)
                    .in(shop, owner)
                    .send()
                    .json();
            assertThat(delivery.get("status").asText()).isEqualTo("sent");
            assertThat(delivery.get("template").asText()).isEqualTo("test");
            assertThat(delivery.get("recipient").asText()).isEqualTo(shop.ownerEmail());
            assertThat(delivery.get("providerMessageId").asText()).isEqualTo(messageId);
        });

        settings.put("smtpPassword", "a-wrong-password");
        api.put("/api/v1/email/settings")
                .in(shop, owner)
                .header("If-Match", saved.header("ETag"))
                .json(settings)
                .send()
                .assertStatus(200);
        api.post("/api/v1/email/settings/verify").in(shop, owner).send().assertProblem(422, "mail_verification_failed");

        Api.Response disabled =
                api.post("/api/v1/email/settings/disable").in(shop, owner).send();
        disabled.assertStatus(200);
        assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
        assertThat(disabled.json().get("secretSet").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("each change of the mail settings is an event of the shop's history, naming who made it and when, with"
            + " no secret in it")
    void settingsHistory() {
        Map<String, Object> settings = smtpSettings(2525);
        settings.put("smtpUsername", "mailer");
        settings.put("smtpPassword", "history-secret-1");
        Api.Response first =
                api.put("/api/v1/email/settings").in(shop, owner).json(settings).send();
        first.assertStatus(200);
        settings.put("smtpPassword", "history-secret-2");
        Api.Response second = api.put("/api/v1/email/settings")
                .in(shop, owner)
                .header("If-Match", first.header("ETag"))
                .json(settings)
                .send();
        second.assertStatus(200);
        Map<String, Object> sendgrid = smtpSettings(2525);
        sendgrid.put("provider", "sendgrid");
        sendgrid.put("sendgridApiKey", "SG.history-secret-3");
        api.put("/api/v1/email/settings")
                .in(shop, owner)
                .header("If-Match", second.header("ETag"))
                .json(sendgrid)
                .send()
                .assertStatus(200);
        api.post("/api/v1/email/settings/disable").in(shop, owner).send().assertETag(4);

        List<Map<String, Object>> events = jdbc.queryForList(
                "SELECT payload_type, convert_from(payload, 'UTF8') AS payload, time_stamp,"
                        + " convert_from(meta_data, 'UTF8')::jsonb ->> 'userId' AS user_id,"
                        + " convert_from(meta_data, 'UTF8')::jsonb ->> 'tenantId' AS tenant_id"
                        + " FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                MailSettingsId.of(TenantId.of(shop.id())).toString());
        assertThat(events)
                .extracting(e -> e.get("payload_type"))
                .containsExactly(
                        MailSettingsChangedEvent.class.getName(),
                        MailSettingsChangedEvent.class.getName(),
                        MailSettingsChangedEvent.class.getName(),
                        MailSettingsDisabledEvent.class.getName());
        assertThat(events)
                .extracting(e -> e.get("payload").toString())
                .allSatisfy(payload -> assertThat(payload).doesNotContain("history-secret"));
        assertThat(events.get(0).get("payload").toString())
                .contains("\"secret\":\"REPLACED\"", "\"smtpPort\":2525", "\"version\":1");
        assertThat(events.get(2).get("payload").toString()).contains("\"provider\":\"sendgrid\"", "\"version\":3");
        assertThat(events.get(3).get("payload").toString()).contains("\"secret\":\"REMOVED\"", "\"version\":4");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.get("tenant_id")).isEqualTo(shop.id());
            assertThat(e.get("user_id")).isNotNull().isEqualTo(events.get(0).get("user_id"));
            assertThat(e.get("time_stamp")).isNotNull();
        });
    }

    @Test
    @DisplayName("two owners changing the same version at once: one change is written, the other is 412")
    void concurrentChanges() throws Exception {
        Api.Response first = api.put("/api/v1/email/settings")
                .in(shop, owner)
                .json(smtpSettings(2525))
                .send();
        first.assertStatus(200);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Api.Response>> changes = new ArrayList<>();
            for (int port : List.of(2600, 2601)) {
                changes.add(pool.submit(() -> {
                    start.await();
                    return api.put("/api/v1/email/settings")
                            .in(shop, owner)
                            .header("If-Match", first.header("ETag"))
                            .json(smtpSettings(port))
                            .send();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (var change : changes) {
                Api.Response answer = change.get(60, java.util.concurrent.TimeUnit.SECONDS);
                statuses.add(answer.status());
                if (answer.status() != 200) {
                    answer.assertProblem(412, "version_conflict");
                }
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 412);
        } finally {
            pool.shutdownNow();
        }
        assertThat(api.get("/api/v1/email/settings")
                        .in(shop, owner)
                        .send()
                        .json()
                        .get("version")
                        .asLong())
                .isEqualTo(2);
    }

    static Stream<Arguments> directTemplates() {
        return Stream.of(
                Arguments.of(MailTemplate.LEAD_CONFIRMATION, "en", "We received your message", "Ana", "Thank you"),
                Arguments.of(MailTemplate.LEAD_CONFIRMATION, "es", "Hemos recibido tu mensaje", "Ana", "Gracias"),
                Arguments.of(MailTemplate.LEAD_NOTIFICATION, "en", "New lead: Ana", "ana@example.test", "left their"),
                Arguments.of(MailTemplate.LEAD_NOTIFICATION, "es", "Nuevo contacto: Ana", "ana@example.test", "dejado"),
                Arguments.of(MailTemplate.PASSWORD_RESET, "en", "Reset your password", "reset-code-1", "30 minutes"),
                Arguments.of(MailTemplate.PASSWORD_RESET, "es", "Restablece tu contraseña", "reset-code-1", "30"),
                Arguments.of(
                        MailTemplate.EMAIL_VERIFICATION,
                        "en",
                        "Confirm your email address",
                        "https://shop.test/verify?t=1",
                        "finish signing up"),
                Arguments.of(
                        MailTemplate.EMAIL_VERIFICATION,
                        "es",
                        "Confirma tu correo electrónico",
                        "https://shop.test/verify?t=1",
                        "terminar el registro"));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("directTemplates")
    @DisplayName("a mail attached to an event by its key arrives once in the recipient's language, in text and HTML")
    void templatesInBothLanguages(MailTemplate template, String locale, String subject, String value, String words)
            throws Exception {
        useGreenMail();
        String to = "visitor-" + UUID.randomUUID() + "@example.test";
        Map<String, Object> model = Map.of(
                "name", "Ana",
                "email", "ana@example.test",
                "message", "<b>hola</b>",
                "displayName", "Ana",
                "expiresInMinutes", 30,
                "verificationUrl", "https://shop.test/verify?t=1");
        String key = "event-" + UUID.randomUUID() + ":" + template.wireName();
        OutgoingMail outgoing = OutgoingMail.to(to, key, template, model)
                .withLocale(locale)
                .withSecrets(Map.of("resetToken", "reset-code-1"));
        List<Optional<UUID>> queued = asTenant(shop, () -> List.of(outbox.enqueue(outgoing), outbox.enqueue(outgoing)));
        assertThat(queued.get(0)).isPresent();
        assertThat(queued.get(1)).as("the same cause queues one mail").isEmpty();

        MimeMessage received = received(to, subject);
        Map<String, Part> parts = parts(received);
        String text = text(parts.get("text/plain"));
        String html = text(parts.get("text/html"));
        assertThat(text).contains(value, words);
        // Handlebars escapes '=' too, which HTML reads back as '='.
        assertThat(html).contains(value.replace("=", "&#x3D;"), "lang=\"" + locale + "\"");
        if (template != MailTemplate.PASSWORD_RESET && template != MailTemplate.EMAIL_VERIFICATION) {
            assertThat(html).as("values are escaped in HTML").contains("&lt;b&gt;hola&lt;/b&gt;");
            assertThat(text).as("and left as written in plain text").contains("<b>hola</b>");
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(jdbc.queryForObject(
                                "SELECT count(*) FROM tenant_credentials WHERE scope = ?",
                                Integer.class,
                                "email.delivery." + queued.get(0).orElseThrow()))
                        .as("a mail's secrets are forgotten once it is sent")
                        .isZero());
    }

    @ParameterizedTest(name = "in {0}")
    @MethodSource("orderLanguages")
    @DisplayName("an order's confirmation, payment receipt, invoice with its PDF and shipping notice reach the buyer")
    void orderMails(String locale, String confirmed, String receipt, String invoice, String shipped) throws Exception {
        useGreenMail();
        speak(locale);
        String customer = customer();
        String email = emailOf(customer);
        JsonNode order = placeOrder(customer, 2);
        String orderId = order.get("id").asText();
        long number = order.get("number").asLong();

        MimeMessage confirmation = received(email, confirmed + number);
        String confirmationText = text(parts(confirmation).get("text/plain"));
        assertThat(confirmationText).contains("2 x ", locale.equals("es") ? "25,00" : "25.00");
        assertThat(text(parts(confirmation).get("text/html"))).contains("#112233", "#445566", "Tienda " + shop.slug());

        JsonNode payment = Orders.awaitSagaPayment(api, shop, owner, orderId);
        api.post("/api/v1/payments/" + payment.get("id").asText() + "/mark-paid")
                .in(shop, owner)
                .send()
                .assertStatus(200);
        MimeMessage paid = received(email, receipt + number);
        assertThat(text(parts(paid).get("text/plain"))).contains(String.valueOf(number));

        MimeMessage invoiced = received(email, invoice);
        Map<String, Part> invoiceParts = parts(invoiced);
        Part pdf = invoiceParts.get("application/pdf");
        assertThat(pdf).as("the invoice's PDF is attached").isNotNull();
        assertThat(pdf.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(pdf.getFileName()).endsWith(".pdf");
        try (PDDocument document = Loader.loadPDF(pdf.getInputStream().readAllBytes())) {
            String pdfText = new PDFTextStripper().getText(document);
            assertThat(pdfText).contains(pdf.getFileName().replace(".pdf", ""));
        }

        api.post("/api/v1/orders/" + orderId + "/ship").in(shop, owner).send().assertStatus(200);
        received(email, shipped.formatted(number));

        JsonNode log = deliveries("?status=sent&limit=100");
        List<String> templates = new ArrayList<>();
        log.forEach(d -> templates.add(d.get("template").asText()));
        assertThat(templates).contains("order_confirmation", "payment_receipt", "invoice_issued", "order_shipped");
        log.forEach(d -> assertThat(d.get("providerMessageId").asText()).isNotBlank());
    }

    static Stream<Arguments> orderLanguages() {
        return Stream.of(
                Arguments.of(
                        "en", "Order #", "Payment receipt for order #", "Invoice ", "Your order #%d is on its way"),
                Arguments.of(
                        "es",
                        "Pedido n.º ",
                        "Recibo del pago del pedido n.º ",
                        "Factura ",
                        "Tu pedido n.º %d está en camino"));
    }

    @Test
    @DisplayName("a password reset is really mailed, with a token that resets the password")
    void passwordResetIsMailed() throws Exception {
        useGreenMail();
        api.post("/api/v1/auth/password-reset")
                .origin(shop.domain())
                .json(Map.of("email", shop.ownerEmail()))
                .send()
                .assertStatus(202);
        MimeMessage reset = received(shop.ownerEmail(), "Reset your password");
        String text = text(parts(reset).get("text/plain"));
        String token = text.lines()
                .map(String::strip)
                .filter(line -> line.contains(".") && !line.contains(" "))
                .findFirst()
                .orElseThrow();
        api.post("/api/v1/auth/password-reset/confirm")
                .origin(shop.domain())
                .json(Map.of("token", token, "newPassword", "a-mailed-new-password"))
                .send()
                .assertStatus(204);
        platform.login(shop, shop.ownerEmail(), "a-mailed-new-password").assertStatus(200);
    }

    @Test
    @DisplayName("a tenant's template override is used once it compiles; a broken one is refused with 422")
    void templateOverrides() throws Exception {
        useGreenMail();
        api.put("/api/v1/email/templates/test/en")
                .in(shop, owner)
                .json(Map.of("subject", "Broken {{#if}}", "html", "<p>x</p>", "text", "x"))
                .send()
                .assertProblem(422, "template_invalid");
        api.put("/api/v1/email/templates/test/en")
                .in(shop, owner)
                .json(Map.of("subject", "Hello from {{tenant.displayName}}", "html", "<p>Ours</p>", "text", "Ours"))
                .send()
                .assertStatus(200);
        JsonNode view = api.get("/api/v1/email/templates/test/en")
                .in(shop, owner)
                .send()
                .json();
        assertThat(view.get("overridden").asBoolean()).isTrue();

        testMail();
        MimeMessage overridden = received(shop.ownerEmail(), "Hello from ");
        assertThat(text(parts(overridden).get("text/plain"))).contains("Ours");

        api.delete("/api/v1/email/templates/test/en").in(shop, owner).send().assertStatus(204);
        assertThat(api.get("/api/v1/email/templates/test/en")
                        .in(shop, owner)
                        .send()
                        .json()
                        .get("overridden")
                        .asBoolean())
                .isFalse();
        api.get("/api/v1/email/templates/unknown/en").in(shop, owner).send().assertProblem(404, "not_found");
    }

    @Test
    @DisplayName("a mail the server keeps refusing lands in the failed list after its attempts; staff retry it")
    void failedMailsAreRetriedByStaff() {
        // A port where nothing listens: each attempt fails as an unreachable server.
        saveMailSettings(smtpSettings(1)).assertStatus(200);
        String id = testMail();
        Awaitility.await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            JsonNode failed = deliveries("?status=failed");
            assertThat(failed).hasSize(1);
            assertThat(failed.get(0).get("id").asText()).isEqualTo(id);
            assertThat(failed.get(0).get("attempts").asInt()).isEqualTo(3);
            assertThat(failed.get(0).get("error").asText()).contains("could not be reached");
        });

        useGreenMail();
        String staff = platform.staffToken(shop, owner, "staff");
        Api.Response retried = api.post("/api/v1/email/deliveries/" + id + "/retry")
                .in(shop, staff)
                .send();
        retried.assertStatus(202);
        received(shop.ownerEmail(), "Test mail from");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(api.get("/api/v1/email/deliveries/" + id)
                                .in(shop, staff)
                                .send()
                                .json()
                                .get("status")
                                .asText())
                        .isEqualTo("sent"));
        api.post("/api/v1/email/deliveries/" + id + "/retry")
                .in(shop, staff)
                .send()
                .assertProblem(409, "invalid_state");
    }

    @Test
    @DisplayName("a mail sent again because its acknowledgement was lost in a crash carries the same Message-ID")
    void resendAfterALostAcknowledgementKeepsTheMessageId() throws Exception {
        useGreenMail();
        String id = testMail();
        MimeMessage first = received(shop.ownerEmail(), "Test mail from");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(api.get("/api/v1/email/deliveries/" + id)
                                .in(shop, owner)
                                .send()
                                .json()
                                .get("status")
                                .asText())
                        .isEqualTo("sent"));
        // The crash window: the server took the mail, but the record of it never committed, so the
        // delivery runs again (here through a retry, as a revived execution would).
        asTenant(
                shop,
                () -> jdbc.update(
                        "UPDATE email_deliveries SET status = 'failed', sent_at = NULL WHERE id = ?",
                        UUID.fromString(id)));
        api.post("/api/v1/email/deliveries/" + id + "/retry")
                .in(shop, owner)
                .send()
                .assertStatus(202);

        List<MimeMessage> copies = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> Arrays.stream(mail.getReceivedMessages())
                                .filter(m -> Arrays.asList(recipients(m)).contains(shop.ownerEmail()))
                                .toList(),
                        received -> received.size() == 2);
        assertThat(copies.get(1).getMessageID())
                .as("receivers that deduplicate by Message-ID see one mail")
                .isEqualTo(first.getMessageID());
    }

    @Test
    @DisplayName(
            "changing mail settings takes the GET's ETag as If-Match: without it 428, stale 412, and nothing changes")
    void settingsChangeWithIfMatch() {
        Api.Response created = api.put("/api/v1/email/settings")
                .in(shop, owner)
                .json(smtpSettings(2525))
                .send();
        created.assertStatus(200);
        Api.Response read = api.get("/api/v1/email/settings").in(shop, owner).send();
        assertThat(read.header("ETag")).isEqualTo(created.header("ETag")).isEqualTo("\"1\"");

        Map<String, Object> changed = smtpSettings(2526);
        api.put("/api/v1/email/settings")
                .in(shop, owner)
                .json(changed)
                .send()
                .assertProblem(428, "precondition_required");
        Api.Response updated = api.put("/api/v1/email/settings")
                .in(shop, owner)
                .header("If-Match", read.header("ETag"))
                .json(changed)
                .send();
        updated.assertStatus(200);
        assertThat(updated.header("ETag")).isEqualTo("\"2\"");
        assertThat(updated.json().get("smtpPort").asInt()).isEqualTo(2526);

        api.put("/api/v1/email/settings")
                .in(shop, owner)
                .header("If-Match", read.header("ETag"))
                .json(smtpSettings(2527))
                .send()
                .assertProblem(412, "version_conflict");
        JsonNode after =
                api.get("/api/v1/email/settings").in(shop, owner).send().json();
        assertThat(after.get("smtpPort").asInt()).isEqualTo(2526);
        assertThat(after.get("version").asLong()).isEqualTo(2);
    }

    @Test
    @DisplayName(
            "a logo chosen from the shop's images shows in its branding and in its mails, and its URL serves the logo")
    void logoFromMedia() throws Exception {
        byte[] png = MediaFiles.image("png", 90, 30);
        String logo = MediaFiles.upload(
                        api, shop, owner, new dev.tenantcore.app.support.Multipart().file("logo.png", "image/png", png))
                .assertStatus(201)
                .json()
                .get("id")
                .asText();
        Map<String, Object> settings = new HashMap<>(Platform.settings("Luna " + shop.slug(), 0));
        settings.put("branding", Map.of("primaryColor", "#112233", "logoMediaId", logo));
        String url = "https://" + shop.domain() + "/api/v1/public/media/" + logo;

        Api.Response changed = api.put("/api/v1/tenant/settings")
                .in(shop, owner)
                .returningRepresentation()
                .json(settings)
                .send();
        changed.assertStatus(200);
        assertThat(changed.json().get("branding").get("logoMediaId").asText()).isEqualTo(logo);
        assertThat(changed.json().get("branding").get("logoUrl").asText()).isEqualTo(url);
        JsonNode read =
                api.get("/api/v1/tenant/settings").in(shop, owner).send().json();
        assertThat(read.get("branding").get("logoUrl").asText()).isEqualTo(url);

        useGreenMail();
        testMail();
        MimeMessage test = received(shop.ownerEmail(), "Test mail from");
        assertThat(text(parts(test).get("text/html"))).contains("<img src=\"" + url + "\"");

        HttpResponse<byte[]> served =
                MediaFiles.fetch(port, shop.domain(), URI.create(url).getPath(), Map.of());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(MediaFiles.size(served.body())).containsExactly(90, 30);
    }

    @Test
    @DisplayName("another tenant cannot read the delivery log, the settings or the templates of a shop")
    void otherTenantsSeeNothing() {
        useGreenMail();
        String id = testMail();
        Platform.Shop other = platform.newShop();
        String intruder = platform.ownerToken(other);
        Api.Response absent = api.get("/api/v1/email/deliveries/" + UUID.randomUUID())
                .in(other, intruder)
                .send();
        absent.assertProblem(404, "not_found");
        Api.Response foreign =
                api.get("/api/v1/email/deliveries/" + id).in(other, intruder).send();
        foreign.assertProblem(404, "not_found");
        JsonNode foreignProblem = ((ObjectNode) foreign.json()).without("instance");
        JsonNode absentProblem = ((ObjectNode) absent.json()).without("instance");
        assertThat(foreignProblem).isEqualTo(absentProblem);
        api.post("/api/v1/email/deliveries/" + id + "/retry")
                .in(other, intruder)
                .send()
                .assertProblem(404, "not_found");
        assertThat(api.get("/api/v1/email/deliveries")
                        .in(other, intruder)
                        .send()
                        .json()
                        .get("items"))
                .isEmpty();
        api.get("/api/v1/email/settings").in(other, intruder).send().assertProblem(404, "not_found");
        api.get("/api/v1/email/settings").in(shop, intruder).send().assertProblem(403, "tenant_mismatch");
        String customer = customer();
        api.get("/api/v1/email/deliveries").in(shop, customer).send().assertProblem(403, "forbidden");
    }
}
