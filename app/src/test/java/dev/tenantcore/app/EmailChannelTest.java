package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Channels;
import dev.tenantcore.app.support.MediaFiles;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import dev.tenantcore.app.support.SilentServer;
import dev.tenantcore.app.support.StartTlsRelay;
import dev.tenantcore.app.support.TlsFront;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Email as a conversation channel against GreenMail's IMAP and SMTP servers (real servers in this
 * JVM): a mailbox connected and validated, customers' mails polled into conversations once each and
 * threaded by In-Reply-To, a staff reply received over SMTP with the thread's headers, another tenant
 * kept out, and a mailbox that never answers holding up no other channel's polling.
 */
@DisplayName("Conversations over email")
class EmailChannelTest extends ShopTest {

    private static final Duration SETTLED = Duration.ofSeconds(20);
    private static final String PASSWORD = "imap-password-123";

    @RegisterExtension
    static final GreenMailExtension mail = StartTlsRelay.greenMail(
            ServerSetupTest.SMTP.dynamicPort(),
            ServerSetupTest.IMAP.dynamicPort(),
            ServerSetupTest.IMAPS.dynamicPort());

    private Channels channels;
    private String support;
    private String customer;
    private GreenMailUser mailbox;

    @BeforeEach
    void mailboxes() {
        channels = new Channels(api);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        support = "support-" + tag + "@shop.test";
        customer = "ann-" + tag + "@customer.test";
        mailbox = mail.setUser(support, "support-" + tag, PASSWORD);
    }

    private Map<String, Object> channelSettings(String username, int port) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("imapHost", "127.0.0.1");
        settings.put("imapPort", Integer.toString(port));
        settings.put("imapSecurity", "none");
        settings.put("imapUsername", username);
        settings.put("address", support);
        return settings;
    }

    private Api.Response connect(Platform.Shop in, String token, Map<String, Object> settings, String password) {
        return api.post("/api/v1/channels")
                .in(in, token)
                .json(Map.of(
                        "kind",
                        "email",
                        "name",
                        "Support mail",
                        "settings",
                        settings,
                        "secrets",
                        Map.of("imapPassword", password)))
                .send();
    }

    private String connectMailbox() {
        return channels.connect(
                        shop,
                        owner,
                        Map.of(
                                "kind",
                                "email",
                                "name",
                                "Support mail",
                                "settings",
                                channelSettings(mailbox.getLogin(), imapPort()),
                                "secrets",
                                Map.of("imapPassword", PASSWORD)),
                        PASSWORD)
                .id();
    }

    private static int imapPort() {
        return mail.getImap().getPort();
    }

    /** The shop sends through GreenMail's SMTP server. */
    private void useGreenMailForReplies() {
        api.put("/api/v1/email/settings")
                .in(shop, owner)
                .json(Map.of(
                        "senderName", "Shop Support",
                        "senderAddress", support,
                        "provider", "smtp",
                        "smtpHost", "127.0.0.1",
                        "smtpPort", mail.getSmtp().getPort(),
                        "smtpSecurity", "none"))
                .send()
                .assertStatus(200);
    }

    /** A customer's mail, as it lands in the channel's mailbox. */
    private MimeMessage customerMail(String from, String messageId, String subject, String text, String inReplyTo)
            throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress(from, "Ann Customer", "UTF-8"));
        message.setRecipients(Message.RecipientType.TO, support);
        message.setSubject(subject);
        if (inReplyTo != null) {
            message.setHeader("In-Reply-To", inReplyTo);
            message.setHeader("References", inReplyTo);
        }
        message.setText(text, "UTF-8");
        message.saveChanges();
        return message;
    }

    private JsonNode awaitConversations(Platform.Shop in, String token, int count) {
        return await().atMost(SETTLED)
                .until(
                        () -> {
                            Api.Response list = api.get("/api/v1/conversations")
                                    .in(in, token)
                                    .send();
                            list.assertStatus(200);
                            return list.json().get("items");
                        },
                        items -> items.size() == count
                                && items.findValues("lastInboundAt").stream().noneMatch(JsonNode::isNull));
    }

    private JsonNode messages(String conversation) {
        return channels.messages(shop, owner, conversation);
    }

    private JsonNode awaitMessages(String conversation, int count) {
        return await().atMost(SETTLED).until(() -> messages(conversation), items -> items.size() == count);
    }

    private long receivedCount(String to) throws MessagingException {
        long count = 0;
        for (MimeMessage message : mail.getReceivedMessages()) {
            for (var recipient : message.getAllRecipients()) {
                if (recipient.toString().equals(to)) {
                    count++;
                }
            }
        }
        return count;
    }

    private Optional<MimeMessage> received(String to) throws MessagingException {
        for (MimeMessage message : mail.getReceivedMessages()) {
            for (var recipient : message.getAllRecipients()) {
                if (recipient.toString().equals(to)) {
                    return Optional.of(message);
                }
            }
        }
        return Optional.empty();
    }

    @Test
    @DisplayName("connecting keeps the password secret; validate logs in, and a wrong password is refused with 502")
    void connectAndValidate() {
        String id = connectMailbox();
        Api.Response view = api.get("/api/v1/channels/" + id).in(shop, owner).send();
        view.assertStatus(200);
        assertThat(view.body()).doesNotContain(PASSWORD);
        assertThat(view.json().get("kind").asText()).isEqualTo("email");
        assertThat(view.json().get("secretsSet").toString()).isEqualTo("[\"imapPassword\"]");
        JsonNode settings = view.json().get("settings");
        assertThat(settings.get("folder").asText()).isEqualTo("INBOX");
        assertThat(settings.get("address").asText()).isEqualTo(support);
        assertThat(settings.get("imapSecurity").asText()).isEqualTo("none");
        assertThat(view.json().get("webhook").get("path").isNull()).isTrue();

        Api.Response validated =
                api.post("/api/v1/channels/" + id + "/validate").in(shop, owner).send();
        validated.assertStatus(200);
        assertThat(validated.json().get("valid").asBoolean()).isTrue();
        assertThat(validated.json().get("providerId").asText()).isEqualTo(support);

        Api.Response wrong =
                connect(shop, owner, channelSettings(mailbox.getLogin(), imapPort()), "not-the-password-1");
        wrong.assertStatus(201);
        Api.Response refused = api.post(
                        "/api/v1/channels/" + wrong.json().get("id").asText() + "/validate")
                .in(shop, owner)
                .send();
        refused.assertProblem(502, "channel_provider_failed");
        assertThat(refused.body()).contains("refused the username or password").doesNotContain("not-the-password-1");

        // Settings are checked before anything is stored.
        Map<String, Object> bad = channelSettings(mailbox.getLogin(), imapPort());
        bad.put("imapSecurity", "sometimes");
        connect(shop, owner, bad, PASSWORD).assertProblem(400, "validation_failed");
        Map<String, Object> unknown = channelSettings(mailbox.getLogin(), imapPort());
        unknown.put("smtpHost", "x");
        connect(shop, owner, unknown, PASSWORD).assertProblem(400, "validation_failed");
    }

    @Test
    @DisplayName("a customer's mail opens a conversation, a reply threads into it, and each mail is recorded once")
    void inboundAndThreading() throws Exception {
        String channel = connectMailbox();
        MimeMessage first = customerMail(
                customer,
                "<first-" + UUID.randomUUID() + "@customer.test>",
                "Order question",
                "Where is my order?",
                null);
        mailbox.deliver(first);

        JsonNode conversation = awaitConversations(shop, owner, 1).get(0);
        String id = conversation.get("id").asText();
        assertThat(conversation.get("channelKind").asText()).isEqualTo("email");
        assertThat(conversation.get("channelUserId").asText()).isEqualTo(customer);
        assertThat(conversation.get("userName").asText()).isEqualTo("Ann Customer");
        assertThat(conversation.get("contactId").isNull()).isFalse();
        JsonNode inbound = awaitMessages(id, 1).get(0);
        assertThat(inbound.get("text").asText()).isEqualTo("Where is my order?");
        assertThat(inbound.get("direction").asText()).isEqualTo("inbound");

        // The same mail delivered again (same Message-ID, a new UID), and the mailbox read again from
        // its start: still one message.
        mailbox.deliver(customerMail(customer, first.getMessageID(), "Order question", "Where is my order?", null));
        asTenant(shop, () -> jdbc.update("UPDATE crm_email_mailboxes SET last_uid = 0"));

        // A reply from another address that names the first mail joins its conversation; HTML is read as text.
        String colleague = "bob-" + UUID.randomUUID().toString().substring(0, 8) + "@customer.test";
        MimeMessage html = customerMail(
                colleague,
                "<second-" + UUID.randomUUID() + "@customer.test>",
                "Re: Order question",
                "x",
                first.getMessageID());
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart part = new MimeBodyPart();
        part.setText("<p>It is order <b>1042</b></p><script>alert('x')</script>", "UTF-8", "html");
        alternative.addBodyPart(part);
        html.setContent(alternative);
        html.saveChanges();
        mailbox.deliver(html);

        JsonNode both = awaitMessages(id, 2);
        assertThat(both.get(0).get("text").asText()).isEqualTo("It is order 1042");
        // Polled several more times since: nothing recorded twice.
        Long polls = asTenant(
                shop,
                () -> jdbc.queryForObject(
                        "SELECT count(*) FROM crm_email_messages WHERE channel_id = ?::uuid", Long.class, channel));
        assertThat(polls).isEqualTo(2);
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> messages(id).size() == 2);
        assertThat(awaitConversations(shop, owner, 1)).hasSize(1);

        // The contact was found or created by the customer's address.
        Api.Response contact = api.get(
                        "/api/v1/contacts/" + conversation.get("contactId").asText())
                .in(shop, owner)
                .send();
        contact.assertStatus(200);
        assertThat(contact.body()).contains(customer);
    }

    @Test
    @DisplayName("a staff reply goes out over the shop's SMTP from the channel's address, in the thread")
    void staffReply() throws Exception {
        useGreenMailForReplies();
        connectMailbox();
        String customerId = "<q-" + UUID.randomUUID() + "@customer.test>";
        mailbox.deliver(customerMail(customer, customerId, "Order question", "Where is my order?", null));
        String id = awaitConversations(shop, owner, 1).get(0).get("id").asText();

        Api.Response reply = api.post("/api/v1/conversations/" + id + "/messages")
                .in(shop, owner)
                .json(Map.of("text", "It ships today.\nThanks!"))
                .send();
        reply.assertStatus(202);
        String messageId = reply.json().get("messageId").asText();

        MimeMessage sent = await().atMost(SETTLED)
                .until(() -> received(customer), Optional::isPresent)
                .get();
        assertThat(sent.getFrom()[0].toString()).contains(support);
        assertThat(sent.getSubject()).isEqualTo("Re: Order question");
        assertThat(sent.getHeader("In-Reply-To")[0]).isEqualTo(customerId);
        assertThat(sent.getHeader("References")[0]).contains(customerId);
        assertThat(sent.getMessageID()).isEqualTo("<" + messageId + "@tenantcore.mail>");
        assertThat(sent.getContent().toString()).isNotEmpty();
        await().atMost(SETTLED)
                .untilAsserted(() -> assertThat(statusOf(id, messageId)).isEqualTo("sent"));
        assertThat(receivedCount(customer)).isEqualTo(1);

        // The customer answers our reply from another address: it threads by In-Reply-To.
        mailbox.deliver(customerMail(
                "carol-" + UUID.randomUUID().toString().substring(0, 6) + "@customer.test",
                "<a-" + UUID.randomUUID() + "@customer.test>",
                "Re: Order question",
                "Great",
                sent.getMessageID()));
        awaitMessages(id, 3);
        assertThat(awaitConversations(shop, owner, 1)).hasSize(1);
    }

    /** {@code mail} with its text and one more part: {@code bytes} as {@code fileName}, so disposed. */
    private static MimeMessage withPart(
            MimeMessage mail, String text, String fileName, String type, byte[] bytes, String disposition)
            throws MessagingException {
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart body = new MimeBodyPart();
        body.setText(text, "UTF-8");
        mixed.addBodyPart(body);
        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, type)));
        file.setFileName(fileName);
        file.setDisposition(disposition);
        mixed.addBodyPart(file);
        mail.setContent(mixed);
        mail.saveChanges();
        return mail;
    }

    /** The conversation's newest message once its attachment is no longer pending. */
    private JsonNode settledNewest(String conversation, int count) {
        return await().atMost(SETTLED)
                .until(
                        () -> messages(conversation),
                        items -> items.size() == count
                                && !items.get(0).path("mediaState").isNull()
                                && !"pending"
                                        .equals(items.get(0).path("mediaState").asText()))
                .get(0);
    }

    @Test
    @DisplayName("a mail's attachment is read from the mailbox into the shop's media store; one over the cap is"
            + " too_large; another tenant reaches neither")
    void attachmentsIntoTheMediaStore() throws Exception {
        connectMailbox();
        byte[] png = MediaFiles.image("png", 24, 16);
        // An inline image with a file name is an attachment too.
        mailbox.deliver(withPart(
                customerMail(customer, "<att-" + UUID.randomUUID() + "@customer.test>", "Receipt", "x", null),
                "Here is the receipt",
                "receipt.png",
                "application/octet-stream",
                png,
                Part.INLINE));
        String id = awaitConversations(shop, owner, 1).get(0).get("id").asText();

        JsonNode message = settledNewest(id, 1);
        assertThat(message.get("text").asText()).isEqualTo("Here is the receipt");
        assertThat(message.get("mediaState").asText()).isEqualTo("stored");
        assertThat(message.get("mediaRef").asText()).startsWith("imap:").endsWith("/receipt.png");
        String media = message.get("mediaId").asText();
        assertThat(message.get("mediaUrl").asText()).isEqualTo("/api/v1/media/" + media + "/download");
        Api.Response item = api.get("/api/v1/media/" + media).in(shop, owner).send();
        item.assertStatus(200);
        // Sniffed from the bytes, not the mail's claim; the bytes are the attachment's.
        assertThat(item.json().get("contentType").asText()).isEqualTo("image/png");
        assertThat(item.json().get("sizeBytes").asLong()).isEqualTo(png.length);
        assertThat(item.json().get("sha256").asText())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(png)));

        // Over app.channels.inbound-media.max-bytes (256 KiB in tests): too_large with its reason, nothing stored.
        byte[] big = new byte[300 * 1024];
        new java.util.Random(7).nextBytes(big);
        mailbox.deliver(withPart(
                customerMail(customer, "<big-" + UUID.randomUUID() + "@customer.test>", "Scan", "x", null),
                "The scan",
                "scan.pdf",
                "application/pdf",
                big,
                Part.ATTACHMENT));
        JsonNode tooLarge = settledNewest(id, 2);
        assertThat(tooLarge.get("mediaState").asText()).isEqualTo("too_large");
        assertThat(tooLarge.get("mediaReason").asText()).contains("larger");
        assertThat(tooLarge.get("mediaId").isNull()).isTrue();

        Platform.Shop globex = platform.newShop();
        String globexOwner = platform.ownerToken(globex);
        api.get("/api/v1/media/" + media).in(globex, globexOwner).send().assertProblem(404, "not_found");
        api.get("/api/v1/media/" + media + "/download")
                .in(globex, globexOwner)
                .send()
                .assertProblem(404, "not_found");
        api.get("/api/v1/conversations/" + id + "/messages")
                .in(globex, globexOwner)
                .send()
                .assertProblem(404, "not_found");
    }

    @Test
    @DisplayName("over IMAPS the mailbox is read when its certificate is trusted; an untrusted one shows on the"
            + " channel's health and nothing is recorded")
    void imapsAndAnUntrustedCertificate() throws Exception {
        // GreenMail's IMAPS serves the tests' certificate (names 127.0.0.1), trusted through
        // app.channels.email.trust-store in application-test.yml.
        Map<String, Object> tls =
                channelSettings(mailbox.getLogin(), mail.getImaps().getPort());
        tls.put("imapSecurity", "tls");
        connect(shop, owner, tls, PASSWORD).assertStatus(201);
        mailbox.deliver(
                customerMail(customer, "<tls-" + UUID.randomUUID() + "@customer.test>", "Hi", "Over TLS", null));
        String id = awaitConversations(shop, owner, 1).get(0).get("id").asText();
        assertThat(awaitMessages(id, 1).get(0).get("text").asText()).isEqualTo("Over TLS");

        // Another server's self-signed certificate, before the same mailbox: refused, nothing read.
        try (TlsFront untrusted = new TlsFront(imapPort())) {
            Platform.Shop other = platform.newShop();
            String otherOwner = platform.ownerToken(other);
            Map<String, Object> settings = channelSettings(mailbox.getLogin(), untrusted.port());
            settings.put("imapSecurity", "tls");
            Api.Response created = connect(other, otherOwner, settings, PASSWORD);
            created.assertStatus(201);
            String channel = created.json().get("id").asText();
            mailbox.deliver(customerMail(customer, "<no-" + UUID.randomUUID() + "@customer.test>", "Hi", "x", null));

            JsonNode health = await().atMost(SETTLED)
                    .until(
                            () -> api.get("/api/v1/channels/" + channel + "/health")
                                    .in(other, otherOwner)
                                    .send()
                                    .json(),
                            h -> !h.path("lastError").isNull());
            assertThat(health.get("lastError").asText()).contains("TLS could not be trusted");
            assertThat(health.get("lastErrorAt").isNull()).isFalse();
            assertThat(untrusted.handshakes()).isPositive();
            api.post("/api/v1/channels/" + channel + "/validate")
                    .in(other, otherOwner)
                    .send()
                    .assertProblem(502, "channel_provider_failed");
            assertThat(api.get("/api/v1/conversations")
                            .in(other, otherOwner)
                            .send()
                            .json()
                            .get("items"))
                    .isEmpty();
            assertThat(asTenant(
                            other,
                            () -> jdbc.queryForObject(
                                    "SELECT count(*) FROM crm_email_messages WHERE channel_id = ?::uuid",
                                    Long.class,
                                    channel)))
                    .isZero();
            api.delete("/api/v1/channels/" + channel)
                    .in(other, otherOwner)
                    .send()
                    .assertStatus(204);
        }
    }

    private String statusOf(String conversation, String messageId) {
        for (JsonNode message : messages(conversation)) {
            if (message.get("id").asText().equals(messageId)) {
                return message.get("status").asText();
            }
        }
        return null;
    }

    @Test
    @DisplayName("another tenant, a customer and an anonymous caller reach neither the channel nor its conversation")
    void isolation() throws Exception {
        String channel = connectMailbox();
        mailbox.deliver(customerMail(customer, "<iso-" + UUID.randomUUID() + "@customer.test>", "Hello", "Hi", null));
        String id = awaitConversations(shop, owner, 1).get(0).get("id").asText();

        Platform.Shop globex = platform.newShop();
        String globexOwner = platform.ownerToken(globex);
        api.get("/api/v1/conversations/" + id).in(globex, globexOwner).send().assertProblem(404, "not_found");
        api.get("/api/v1/conversations/" + id + "/messages")
                .in(globex, globexOwner)
                .send()
                .assertProblem(404, "not_found");
        api.post("/api/v1/conversations/" + id + "/messages")
                .in(globex, globexOwner)
                .json(Map.of("text", "hijack"))
                .send()
                .assertProblem(404, "not_found");
        api.get("/api/v1/channels/" + channel).in(globex, globexOwner).send().assertProblem(404, "not_found");
        api.post("/api/v1/channels/" + channel + "/validate")
                .in(globex, globexOwner)
                .send()
                .assertProblem(404, "not_found");
        assertThat(api.get("/api/v1/conversations")
                        .in(globex, globexOwner)
                        .send()
                        .json()
                        .get("items"))
                .isEmpty();
        // Row-level security: the other tenant sees none of the mailbox's records.
        assertThat(asTenant(
                        globex,
                        () -> jdbc.queryForObject(
                                "SELECT count(*) FROM crm_email_messages WHERE channel_id = ?::uuid",
                                Long.class,
                                channel)))
                .isZero();
        assertThat(asTenant(
                        globex,
                        () -> jdbc.queryForObject(
                                "SELECT count(*) FROM crm_email_mailboxes WHERE channel_id = ?::uuid",
                                Long.class,
                                channel)))
                .isZero();

        String shopper = customer();
        api.get("/api/v1/conversations").in(shop, shopper).send().assertStatus(403);
        api.get("/api/v1/channels").in(shop, shopper).send().assertStatus(403);
        api.get("/api/v1/conversations").origin(shop.domain()).send().assertStatus(401);
        assertThat(messages(id)).hasSize(1);
        assertThat(received(customer)).isEmpty();
    }

    @Test
    @DisplayName("a mailbox that never answers is recorded as failing and holds up no other channel's polling")
    void unreachableMailbox() throws Exception {
        try (SilentServer silent = SilentServer.start()) {
            int port = Integer.parseInt(silent.url().substring(silent.url().lastIndexOf(':') + 1));
            Api.Response dead = connect(shop, owner, channelSettings("nobody", port), PASSWORD);
            dead.assertStatus(201);
            String deadId = dead.json().get("id").asText();
            await().atMost(SETTLED).until(() -> silent.accepted() >= 1);

            // While that poll waits on the silent server, the working mailbox is polled.
            connectMailbox();
            mailbox.deliver(customerMail(customer, "<live-" + UUID.randomUUID() + "@customer.test>", "Hi", "Hi", null));
            awaitConversations(shop, owner, 1);
            assertThat(silent.closed()).isEmpty();

            // The dead mailbox's failure is recorded on its channel, without a secret, for its health.
            List<String> errors = new ArrayList<>();
            await().atMost(SETTLED).until(() -> {
                errors.clear();
                errors.addAll(asTenant(
                        shop,
                        () -> jdbc.queryForList(
                                "SELECT last_error FROM crm_email_mailboxes WHERE channel_id = ?::uuid AND last_error IS NOT NULL",
                                String.class,
                                deadId)));
                return !errors.isEmpty();
            });
            assertThat(errors.get(0)).contains("IMAP").doesNotContain(PASSWORD);
            api.delete("/api/v1/channels/" + deadId).in(shop, owner).send().assertStatus(204);
        }
    }
}
