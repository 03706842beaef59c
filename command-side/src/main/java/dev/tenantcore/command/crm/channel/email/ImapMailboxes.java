package dev.tenantcore.command.crm.channel.email;

import dev.tenantcore.command.crm.channel.ChannelUnavailableException;
import dev.tenantcore.command.crm.channel.ProviderAnswers;
import dev.tenantcore.infra.http.OutboundHttp;
import dev.tenantcore.infra.http.RefusedAddressException;
import dev.tenantcore.infra.mail.MailTrust;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Properties;
import javax.net.SocketFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Opens an email channel's IMAP folder through Jakarta Mail (Angus Mail, as the SMTP sender). The
 * host must resolve to public addresses only (the outbound address guard), so a tenant cannot point
 * a channel at the platform's own network. Every wait (connect, each read and write) is bounded by
 * {@code timeLimit}.
 *
 * <p>The name is resolved and checked once, and every connection goes to that checked address (the
 * address is pinned), whatever the security: the mail library is given the address, not the name,
 * so it never looks the name up again (DNS rebinding cannot send it elsewhere), and its plain
 * sockets come from {@link CheckedAddressSockets} as well. TLS — implicit ({@code tls}, IMAPS) or
 * after {@code STARTTLS} — is layered over that pinned socket by {@link PinnedTls} with the host
 * <em>name</em> of the settings, so the certificate must chain to the trust store and name the host
 * (HTTPS's host name check, not the library's check against the address), and the name goes as SNI. The trust store is the JVM's, or {@code
 * app.channels.email.trust-store} where one is set (a private CA; tests trust their own certificate).
 */
@Component
class ImapMailboxes {

    private final OutboundHttp outbound;
    private final SSLSocketFactory tls;

    @Autowired
    ImapMailboxes(
            OutboundHttp outbound,
            ResourceLoader resources,
            @Value("${app.channels.email.trust-store:}") String trustStore,
            @Value("${app.channels.email.trust-store-password:}") String trustStorePassword) {
        this(outbound, MailTrust.socketFactory(resources, trustStore, trustStorePassword));
    }

    ImapMailboxes(OutboundHttp outbound, SSLSocketFactory tls) {
        this.outbound = outbound;
        this.tls = tls;
    }

    /** An open store and folder; closing closes both. */
    record Open(Store store, Folder folder) implements AutoCloseable {
        @Override
        public void close() {
            try {
                if (folder.isOpen()) {
                    folder.close(false);
                }
            } catch (MessagingException | RuntimeException e) {
                // Closing after the work is done or failed: nothing left to report.
            }
            try {
                store.close();
            } catch (MessagingException | RuntimeException e) {
                // As above.
            }
        }
    }

    /**
     * Logs in and opens the folder read-only.
     *
     * @throws dev.tenantcore.api.common.DomainException {@code channel_provider_failed} when the server
     *     refused the login, the folder does not exist or the host is not allowed
     * @throws ChannelUnavailableException when the server could not be reached or did not answer in time
     */
    Open open(EmailSettings settings, String password, Duration timeLimit) {
        InetAddress checked = checked(settings.imapHost());
        Session session = Session.getInstance(properties(settings, checked, timeLimit));
        Store store;
        try {
            store = session.getStore(EmailSettings.TLS.equals(settings.imapSecurity()) ? "imaps" : "imap");
        } catch (MessagingException e) {
            throw new IllegalStateException("Jakarta Mail has no IMAP provider", e);
        }
        try {
            // The checked address, never the name: the library opens its socket to exactly this (its TLS
            // sockets come from a plain `new Socket()`, not from a factory we could pin); the name is
            // only used by PinnedTls, for the certificate check and SNI.
            store.connect(checked.getHostAddress(), settings.imapPort(), settings.imapUsername(), password);
        } catch (AuthenticationFailedException e) {
            throw ProviderAnswers.refused("The IMAP server refused the username or password.");
        } catch (MessagingException e) {
            if (cause(e, SSLException.class)) {
                throw ProviderAnswers.refused("The IMAP server's TLS could not be trusted or agreed on.");
            }
            if (e.getMessage() != null && e.getMessage().contains("STARTTLS")) {
                throw ProviderAnswers.refused("The IMAP server does not offer STARTTLS, which the settings require.");
            }
            throw new ChannelUnavailableException("The IMAP server could not be reached (" + kind(e) + ").", false);
        }
        try {
            Folder folder = store.getFolder(settings.folder());
            if (!folder.exists()) {
                throw ProviderAnswers.refused("The IMAP folder '" + settings.folder() + "' does not exist.");
            }
            folder.open(Folder.READ_ONLY);
            return new Open(store, folder);
        } catch (MessagingException e) {
            closeQuietly(store);
            throw new ChannelUnavailableException("The IMAP folder could not be opened (" + kind(e) + ").", false);
        } catch (RuntimeException e) {
            closeQuietly(store);
            throw e;
        }
    }

    private InetAddress checked(String host) {
        try {
            InetAddress first = outbound.resolve(host).get(0);
            // Carries the name, so TLS and the mail library keep using the name.
            return InetAddress.getByAddress(host, first.getAddress());
        } catch (RefusedAddressException e) {
            throw ProviderAnswers.refused("The IMAP host is not a public address.");
        } catch (UnknownHostException e) {
            throw new ChannelUnavailableException("The IMAP host does not resolve.", false);
        }
    }

    private Properties properties(EmailSettings settings, InetAddress checked, Duration timeLimit) {
        String limit = Long.toString(timeLimit.toMillis());
        String protocol = EmailSettings.TLS.equals(settings.imapSecurity()) ? "imaps" : "imap";
        String p = "mail." + protocol + ".";
        Properties props = new Properties();
        props.put(p + "connectiontimeout", limit);
        props.put(p + "timeout", limit);
        props.put(p + "writetimeout", limit);
        // Only what a poll needs: no IDLE threads, no folder list caching of other folders.
        props.put(p + "connectionpoolsize", "1");
        props.put(p + "peek", "true");
        // The library would check the certificate against the address it connected to; PinnedTls
        // checks it against the host name instead (HTTPS endpoint identification, in the handshake).
        props.put(p + "ssl.checkserveridentity", "false");
        PinnedTls pinned = new PinnedTls(settings.imapHost(), tls);
        if (EmailSettings.TLS.equals(settings.imapSecurity())) {
            // The library connects a plain socket to the checked address, then layers TLS over it
            // with this factory, which names the host.
            props.put(p + "ssl.enable", "true");
            props.put(p + "ssl.socketFactory", pinned);
        } else {
            props.put(p + "socketFactory", new CheckedAddressSockets(checked));
            props.put(p + "socketFactory.fallback", "false");
            if (EmailSettings.STARTTLS.equals(settings.imapSecurity())) {
                // Required, not opportunistic: without it the login is never sent.
                props.put(p + "starttls.enable", "true");
                props.put(p + "starttls.required", "true");
                props.put(p + "ssl.socketFactory", pinned);
            }
        }
        return props;
    }

    private static boolean cause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String kind(MessagingException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName();
    }

    private static void closeQuietly(Store store) {
        try {
            store.close();
        } catch (MessagingException | RuntimeException e) {
            // Already failing.
        }
    }

    /**
     * TLS layered over a socket already connected to the checked address, for the host <em>name</em>
     * of the settings whatever host the library passes (it knows only the address): the certificate
     * must name that host (HTTPS endpoint identification) and the name goes as SNI. Only layering is
     * offered; this factory never opens a connection of its own.
     */
    static final class PinnedTls extends SSLSocketFactory {

        private final String hostName;
        private final SSLSocketFactory tls;

        PinnedTls(String hostName, SSLSocketFactory tls) {
            this.hostName = hostName;
            this.tls = tls;
        }

        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            SSLSocket secure = (SSLSocket) tls.createSocket(socket, hostName, port, autoClose);
            secure.setSSLParameters(MailTrust.checkingHostName(secure.getSSLParameters()));
            return secure;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            throw new SocketException("only layering over a pinned connection");
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            throw new SocketException("only layering over a pinned connection");
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            throw new SocketException("only layering over a pinned connection");
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress localAddress, int localPort)
                throws IOException {
            throw new SocketException("only layering over a pinned connection");
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return tls.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return tls.getSupportedCipherSuites();
        }
    }

    /** Sockets that connect to the checked address whatever name they are asked for: no second lookup. */
    static final class CheckedAddressSockets extends SocketFactory {

        private final InetAddress address;

        CheckedAddressSockets(InetAddress address) {
            this.address = address;
        }

        @Override
        public Socket createSocket() {
            return new Socket() {
                @Override
                public void connect(SocketAddress endpoint, int timeout) throws IOException {
                    int port = ((InetSocketAddress) endpoint).getPort();
                    super.connect(new InetSocketAddress(address, port), timeout);
                }
            };
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            Socket socket = createSocket();
            socket.connect(new InetSocketAddress(address, port));
            return socket;
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            Socket socket = createSocket();
            socket.bind(new InetSocketAddress(localHost, localPort));
            socket.connect(new InetSocketAddress(address, port));
            return socket;
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return createSocket(host.getHostName(), port);
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return createSocket(host.getHostName(), port, localAddress, localPort);
        }
    }
}
