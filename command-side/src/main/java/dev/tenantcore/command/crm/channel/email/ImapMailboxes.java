package dev.tenantcore.command.crm.channel.email;

import dev.tenantcore.command.crm.channel.ChannelUnavailableException;
import dev.tenantcore.command.crm.channel.ProviderAnswers;
import dev.tenantcore.infra.http.OutboundHttp;
import dev.tenantcore.infra.http.RefusedAddressException;
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
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Properties;
import javax.net.SocketFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import org.springframework.stereotype.Component;

/**
 * Opens an email channel's IMAP folder through Jakarta Mail (Angus Mail, as the SMTP sender). The
 * host must resolve to public addresses only (the outbound address guard), so a tenant cannot point
 * a channel at the platform's own network; without TLS, and before STARTTLS, the connection goes to
 * the address that was checked. Every wait (connect, each read and write) is bounded by {@code
 * timeLimit}. TLS certificates are checked against the JVM's trust store and must name the host.
 */
@Component
class ImapMailboxes {

    private final OutboundHttp outbound;

    ImapMailboxes(OutboundHttp outbound) {
        this.outbound = outbound;
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
            store.connect(settings.imapHost(), settings.imapPort(), settings.imapUsername(), password);
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

    private static Properties properties(EmailSettings settings, InetAddress checked, Duration timeLimit) {
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
        props.put(p + "ssl.checkserveridentity", "true");
        if (EmailSettings.TLS.equals(settings.imapSecurity())) {
            props.put(p + "ssl.enable", "true");
            props.put(p + "ssl.socketFactory", SSLSocketFactory.getDefault());
        } else {
            props.put(p + "socketFactory", new CheckedAddressSockets(checked));
            props.put(p + "socketFactory.fallback", "false");
            if (EmailSettings.STARTTLS.equals(settings.imapSecurity())) {
                // Required, not opportunistic: without it the login is never sent.
                props.put(p + "starttls.enable", "true");
                props.put(p + "starttls.required", "true");
                props.put(p + "ssl.socketFactory", SSLSocketFactory.getDefault());
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
