package dev.tenantcore.command.crm.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.app.support.StartTlsRelay;
import dev.tenantcore.app.support.TlsFront;
import dev.tenantcore.infra.http.HostResolver;
import dev.tenantcore.infra.http.OutboundHttp;
import dev.tenantcore.infra.http.OutboundHttpProperties;
import dev.tenantcore.infra.mail.MailTrust;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * An email channel's IMAP connection over TLS against GreenMail's IMAPS, which serves the tests'
 * own certificate (names {@code mail.shop.test}, {@code localhost}, 127.0.0.1). The name {@code
 * mail.shop.test} exists only in the guard's resolver here, so a login that succeeds proves the
 * connection went to the address the guard checked, while the certificate was checked against the
 * name.
 */
@DisplayName("The IMAP connection of an email channel")
class ImapMailboxesTest {

    private static final String HOST = "mail.shop.test";
    private static final String PASSWORD = "imap-password-123";
    private static final Duration LIMIT = Duration.ofSeconds(5);

    @RegisterExtension
    static final GreenMailExtension mail =
            StartTlsRelay.greenMail(patient(ServerSetupTest.IMAP), patient(ServerSetupTest.IMAPS));

    /** A free port, and time to start on a busy machine. */
    private static ServerSetup patient(ServerSetup setup) {
        ServerSetup copy = setup.dynamicPort();
        copy.setServerStartupTimeout(20_000);
        return copy;
    }

    private final AtomicInteger lookups = new AtomicInteger();

    @BeforeEach
    void mailbox() {
        mail.setUser("support@shop.test", "support", PASSWORD);
    }

    /** Resolves {@code names} to 127.0.0.1 (or {@code address}), counting lookups; nothing else resolves. */
    private HostResolver names(String address, String... names) {
        return host -> {
            if (!java.util.List.of(names).contains(host)) {
                throw new UnknownHostException(host);
            }
            lookups.incrementAndGet();
            return new InetAddress[] {InetAddress.getByName(address)};
        };
    }

    private static ImapMailboxes mailboxes(boolean allowPrivate, HostResolver names, SSLSocketFactory tls) {
        OutboundHttpProperties properties = new OutboundHttpProperties();
        properties.setAllowPrivateAddresses(allowPrivate);
        return new ImapMailboxes(new OutboundHttp(properties, names), tls);
    }

    /** Trusts the tests' certificate, as application-test.yml does; production trusts the JVM's store. */
    private static SSLSocketFactory testTrust() {
        return MailTrust.socketFactory(new DefaultResourceLoader(), StartTlsRelay.TRUST_STORE, StartTlsRelay.PASSWORD);
    }

    private static SSLSocketFactory jvmTrust() {
        return MailTrust.socketFactory(new DefaultResourceLoader(), null, null);
    }

    private static EmailSettings settings(String host, int port, String security) {
        Map<String, String> given = new HashMap<>();
        given.put("imapHost", host);
        given.put("imapPort", Integer.toString(port));
        given.put("imapSecurity", security);
        given.put("imapUsername", "support");
        given.put("address", "support@shop.test");
        return EmailSettings.of(given);
    }

    @Test
    @DisplayName("logs in over IMAPS at the checked address, the certificate checked against the host name")
    void imapsToThePinnedAddress() throws Exception {
        ImapMailboxes imap = mailboxes(true, names("127.0.0.1", HOST), testTrust());

        try (ImapMailboxes.Open open = imap.open(settings(HOST, mail.getImaps().getPort(), "tls"), PASSWORD, LIMIT)) {
            assertThat(open.folder().isOpen()).isTrue();
            assertThat(open.folder().getFullName()).isEqualTo("INBOX");
        }
        assertThat(lookups)
                .as("the name is looked up and checked by the guard once")
                .hasValue(1);
    }

    @Test
    @DisplayName("refuses a certificate the trust store does not hold, before the password is sent")
    void refusesAnUntrustedCertificate() {
        ImapMailboxes imap = mailboxes(true, names("127.0.0.1", HOST), jvmTrust());

        assertThatThrownBy(() -> imap.open(settings(HOST, mail.getImaps().getPort(), "tls"), PASSWORD, LIMIT))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CHANNEL_PROVIDER_FAILED))
                .hasMessageContaining("TLS could not be trusted");
    }

    @Test
    @DisplayName("refuses a trusted certificate that does not name the host it was asked for")
    void refusesACertificateForAnotherName() {
        ImapMailboxes imap = mailboxes(true, names("127.0.0.1", "imap.elsewhere.test"), testTrust());

        assertThatThrownBy(() -> imap.open(
                        settings("imap.elsewhere.test", mail.getImaps().getPort(), "tls"), PASSWORD, LIMIT))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("TLS could not be trusted");
    }

    @Test
    @DisplayName("refuses a self-signed certificate of another server even where the tests' own is trusted")
    void refusesAnotherSelfSignedCertificate() {
        try (TlsFront front = new TlsFront(mail.getImap().getPort())) {
            ImapMailboxes imap = mailboxes(true, names("127.0.0.1", HOST), testTrust());

            assertThatThrownBy(() -> imap.open(settings(HOST, front.port(), "tls"), PASSWORD, LIMIT))
                    .isInstanceOf(DomainException.class)
                    .hasMessageContaining("TLS could not be trusted");
            assertThat(front.handshakes()).as("the server was reached").isPositive();
        }
    }

    @Test
    @DisplayName("refuses a host that resolves to a private address before connecting, whatever the security")
    void refusesPrivateAddresses() {
        ImapMailboxes imap = mailboxes(false, names("127.0.0.1", HOST), testTrust());

        for (String security : new String[] {"tls", "starttls", "none"}) {
            assertThatThrownBy(() -> imap.open(settings(HOST, mail.getImaps().getPort(), security), PASSWORD, LIMIT))
                    .isInstanceOf(DomainException.class)
                    .hasMessage("The IMAP host is not a public address.");
        }
    }
}
