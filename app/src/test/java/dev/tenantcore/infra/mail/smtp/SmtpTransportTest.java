package dev.tenantcore.infra.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.tenantcore.app.support.StartTlsRelay;
import dev.tenantcore.infra.http.HostResolver;
import dev.tenantcore.infra.http.OutboundHttp;
import dev.tenantcore.infra.http.OutboundHttpProperties;
import dev.tenantcore.infra.mail.MailMessage;
import dev.tenantcore.infra.mail.MailProperties;
import dev.tenantcore.infra.mail.MailTransportException;
import dev.tenantcore.infra.mail.SenderSettings;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * The SMTP transport against real servers in this JVM: GreenMail's SMTP and SMTPS (serving the
 * tests' own certificate for {@code mail.shop.test}) and a STARTTLS front before GreenMail. The name
 * {@code mail.shop.test} exists only in the guard's resolver here, so a mail that arrives proves the
 * connection went to the address the guard checked, not to a second lookup of the name.
 */
class SmtpTransportTest {

    private static final String HOST = "mail.shop.test";

    @RegisterExtension
    static GreenMailExtension mail = StartTlsRelay.greenMail();

    private final AtomicInteger lookups = new AtomicInteger();
    private StartTlsRelay relay;

    @AfterEach
    void closeRelay() {
        if (relay != null) {
            relay.close();
        }
    }

    /** Resolves {@link #HOST} to {@code address}, counting lookups; nothing else resolves. */
    private HostResolver names(String address) {
        return host -> {
            if (!HOST.equals(host)) {
                throw new UnknownHostException(host);
            }
            lookups.incrementAndGet();
            return new InetAddress[] {InetAddress.getByName(address)};
        };
    }

    private static OutboundHttp guard(boolean allowPrivate, HostResolver names) {
        OutboundHttpProperties properties = new OutboundHttpProperties();
        properties.setAllowPrivateAddresses(allowPrivate);
        return new OutboundHttp(properties, names);
    }

    private static SmtpTransport transport(OutboundHttp guard, String trustStore) {
        MailProperties properties = new MailProperties(
                new MailProperties.DefaultSender(
                        "none", "tenantcore", "no-reply@localhost", null, null, 587, "starttls", null, null, null),
                new MailProperties.Delivery(3, Duration.ofSeconds(1), Duration.ofSeconds(5)),
                "https://api.sendgrid.com",
                "tenantcore.mail");
        return new SmtpTransport(guard, properties, new DefaultResourceLoader(), trustStore, StartTlsRelay.PASSWORD);
    }

    /** Trusts the tests' certificate, as application-test.yml does; production trusts the JVM's store. */
    private SmtpTransport trusting(OutboundHttp guard) {
        return transport(guard, StartTlsRelay.TRUST_STORE);
    }

    private static SenderSettings sender(int port, String security) {
        return new SenderSettings("smtp", "Shop", "shop@shop.test", "help@shop.test", HOST, port, security, null, null);
    }

    private static MailMessage message(String to) {
        String id = UUID.randomUUID().toString();
        return new MailMessage(
                "Shop",
                "shop@shop.test",
                "help@shop.test",
                to,
                "Hello",
                "plain",
                "<p>html</p>",
                List.of(),
                "<" + id + "@tenantcore.mail>",
                id);
    }

    private static List<String> received(String to) throws Exception {
        List<String> subjects = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals(to)) {
                subjects.add(m.getSubject());
            }
        }
        return subjects;
    }

    @Nested
    @DisplayName("the connection")
    class Connection {

        @Test
        @DisplayName("goes to the address the guard checked: a name that only the guard resolves is reached, once")
        void connectsToTheCheckedAddress() throws Exception {
            SmtpTransport smtp = transport(guard(true, names("127.0.0.1")), null);

            smtp.send(sender(mail.getSmtp().getPort(), "none"), message("pinned@buyer.test"));

            assertThat(received("pinned@buyer.test")).containsExactly("Hello");
            assertThat(lookups).as("the name is looked up by the guard only").hasValue(1);
        }

        @Test
        @DisplayName("to a host that resolves to a private address is refused before any connection")
        void privateAddressesAreRefused() throws Exception {
            SmtpTransport smtp = transport(guard(false, names("127.0.0.1")), null);

            assertThatThrownBy(() -> smtp.send(sender(mail.getSmtp().getPort(), "none"), message("x@private.test")))
                    .isInstanceOfSatisfying(
                            MailTransportException.class,
                            e -> assertThat(e.permanent()).isTrue())
                    .hasMessage("The SMTP host is not a public address.");
            SmtpTransport other = transport(guard(false, names("10.20.30.40")), null);
            assertThatThrownBy(() -> other.verify(sender(25, "starttls")))
                    .hasMessage("The SMTP host is not a public address.");
            assertThat(received("x@private.test")).isEmpty();
        }
    }

    @Nested
    @DisplayName("implicit TLS")
    class ImplicitTls {

        @Test
        @DisplayName("delivers over SMTPS to a server whose certificate names the host and is trusted by the setting")
        void deliversOverSmtps() throws Exception {
            SmtpTransport smtp = trusting(guard(true, names("127.0.0.1")));

            smtp.send(sender(mail.getSmtps().getPort(), "tls"), message("tls@buyer.test"));

            assertThat(received("tls@buyer.test")).containsExactly("Hello");
        }

        @Test
        @DisplayName("refuses a server whose certificate the trust store does not know; nothing is sent")
        void refusesAnUntrustedCertificate() throws Exception {
            SmtpTransport smtp = transport(guard(true, names("127.0.0.1")), null);

            assertThatThrownBy(
                            () -> smtp.send(sender(mail.getSmtps().getPort(), "tls"), message("untrusted@buyer.test")))
                    .isInstanceOfSatisfying(
                            MailTransportException.class,
                            e -> assertThat(e.permanent()).isTrue())
                    .hasMessageStartingWith("The SMTP server's TLS could not be trusted");
            assertThat(received("untrusted@buyer.test")).isEmpty();
        }
    }

    @Nested
    @DisplayName("STARTTLS")
    class StartTls {

        @Test
        @DisplayName("upgrades the connection before anything is sent, checking the certificate against the host name")
        void upgradesBeforeSending() throws Exception {
            relay = new StartTlsRelay(mail.getSmtp().getPort());
            SmtpTransport smtp = trusting(guard(true, names("127.0.0.1")));

            smtp.send(sender(relay.port(), "starttls"), message("starttls@buyer.test"));

            assertThat(received("starttls@buyer.test")).containsExactly("Hello");
            assertThat(relay.upgraded()).isEqualTo(1);
            assertThat(relay.refusedInClear()).isZero();
        }

        @Test
        @DisplayName("one connection carries a sender's next mails; other settings open their own")
        void reusesTheConnectionForASendersNextMails() throws Exception {
            relay = new StartTlsRelay(mail.getSmtp().getPort());
            SmtpTransport smtp = trusting(guard(true, names("127.0.0.1")));

            for (int i = 0; i < 3; i++) {
                smtp.send(sender(relay.port(), "starttls"), message("burst@buyer.test"));
            }
            assertThat(received("burst@buyer.test")).hasSize(3);
            assertThat(relay.upgraded()).as("connections opened").isEqualTo(1);

            SenderSettings otherSecret = new SenderSettings(
                    "smtp", "Shop", "shop@shop.test", null, HOST, relay.port(), "starttls", null, "changed");
            smtp.send(otherSecret, message("burst@buyer.test"));
            assertThat(relay.upgraded()).as("connections opened").isEqualTo(2);
            smtp.destroy();
        }

        @Test
        @DisplayName("a wrong password after the upgrade is reported as refused credentials, not as missing STARTTLS")
        void refusedCredentialsAfterTheUpgrade() {
            relay = new StartTlsRelay(mail.getSmtp().getPort());
            mail.setUser("shop@shop.test", "mailer", "right-password");
            SmtpTransport smtp = trusting(guard(true, names("127.0.0.1")));
            SenderSettings wrong = new SenderSettings(
                    "smtp", "Shop", "shop@shop.test", null, HOST, relay.port(), "starttls", "mailer", "wrong");

            assertThatThrownBy(() -> smtp.verify(wrong)).hasMessage("The SMTP server refused the credentials.");
            assertThat(relay.upgraded()).isEqualTo(1);
        }

        @Test
        @DisplayName("required: a server that does not offer it gets nothing, with a clear, permanent error")
        void requiredButNotOffered() throws Exception {
            SmtpTransport smtp = trusting(guard(true, names("127.0.0.1")));

            assertThatThrownBy(
                            () -> smtp.send(sender(mail.getSmtp().getPort(), "starttls"), message("clear@buyer.test")))
                    .isInstanceOfSatisfying(
                            MailTransportException.class,
                            e -> assertThat(e.permanent()).isTrue())
                    .hasMessage(
                            "The SMTP server does not offer STARTTLS, which the settings require; nothing was sent.");
            assertThat(received("clear@buyer.test")).isEmpty();
        }
    }
}
