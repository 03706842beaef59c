package dev.tenantcore.infra.mail.smtp;

import dev.tenantcore.infra.http.OutboundHttp;
import dev.tenantcore.infra.http.RefusedAddressException;
import dev.tenantcore.infra.mail.MailAttachment;
import dev.tenantcore.infra.mail.MailMessage;
import dev.tenantcore.infra.mail.MailProperties;
import dev.tenantcore.infra.mail.MailTransport;
import dev.tenantcore.infra.mail.MailTransportException;
import dev.tenantcore.infra.mail.MailTrust;
import dev.tenantcore.infra.mail.SenderSettings;
import jakarta.activation.DataHandler;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * SMTP through Jakarta Mail: STARTTLS (required, not opportunistic), implicit TLS, or plain for a
 * relay on a trusted network. The host must resolve to public addresses only (the outbound address
 * guard), so a tenant cannot point its sender at the platform's own network; the connection goes
 * to the address that was checked. Certificates are checked against the JVM's trust store, or
 * {@code app.email.smtp.trust-store} when set (tests trust their own server's certificate that way;
 * nothing trusts everything). Every wait is bounded by the delivery time limit. Connections are
 * kept open a few seconds for the sender's next mail ({@link SmtpConnections}).
 */
@Component
class SmtpTransport implements MailTransport, DisposableBean {

    private static final String STARTTLS = "starttls";
    private static final String TLS = "tls";

    /**
     * How long an open connection waits for the next mail of its sender: long enough for a burst,
     * far below the five minutes after which RFC 5321 lets a server drop an idle client.
     */
    private static final Duration MAX_IDLE = Duration.ofSeconds(10);

    private final OutboundHttp outbound;
    private final MailProperties properties;
    private final SSLSocketFactory tls;
    private final SmtpConnections connections = new SmtpConnections(4, MAX_IDLE);
    private final ScheduledExecutorService sweeper;

    SmtpTransport(
            OutboundHttp outbound,
            MailProperties properties,
            ResourceLoader resources,
            @Value("${app.email.smtp.trust-store:}") String trustStore,
            @Value("${app.email.smtp.trust-store-password:}") String trustStorePassword) {
        this.outbound = outbound;
        this.properties = properties;
        this.tls = MailTrust.socketFactory(resources, trustStore, trustStorePassword);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "smtp-connection-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long every = MAX_IDLE.toMillis() / 2;
        sweeper.scheduleWithFixedDelay(connections::closeStale, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        sweeper.shutdownNow();
        connections.closeAll();
    }

    @Override
    public String provider() {
        return SenderSettings.SMTP;
    }

    @Override
    public String send(SenderSettings sender, MailMessage message) {
        SmtpConnections.Key key = SmtpConnections.Key.of(sender);
        SmtpConnections.Open open = connections.take(key);
        try {
            if (open == null) {
                Session session = session(sender);
                open = new SmtpConnections.Open(session, connect(session, sender));
            }
            MimeMessage mime = mime(open.session(), sender, message);
            open.transport().sendMessage(mime, mime.getAllRecipients());
            connections.giveBack(key, open);
            open = null;
            return message.messageId();
        } catch (MessagingException e) {
            throw failure(e);
        } finally {
            if (open != null) {
                // A mail that failed on a connection leaves it in a state not worth reusing.
                SmtpConnections.close(open);
            }
        }
    }

    @Override
    public void verify(SenderSettings sender) {
        try (Transport transport = connect(session(sender), sender)) {
            // Connected and authenticated: nothing else to do.
        } catch (MessagingException e) {
            throw failure(e);
        }
    }

    /**
     * Connects to the address the guard checked, not to the name: Jakarta Mail would resolve the
     * name again, and an answer that changed in between (DNS rebinding) would reach our own network.
     * The name stays the TLS peer, so SNI and the certificate check use it.
     */
    private Transport connect(Session session, SenderSettings sender) throws MessagingException {
        if (sender.smtpHost() == null || sender.smtpPort() == null) {
            throw new MailTransportException("No SMTP host is set.", true, null);
        }
        InetAddress checked;
        try {
            InetAddress first = outbound.resolve(sender.smtpHost()).get(0);
            // Carries the name, so the mail library's idea of the host (for STARTTLS) stays the name.
            checked = InetAddress.getByAddress(sender.smtpHost(), first.getAddress());
        } catch (RefusedAddressException e) {
            throw new MailTransportException("The SMTP host is not a public address.", true, e);
        } catch (UnknownHostException e) {
            throw new MailTransportException("The SMTP host does not resolve.", false, e);
        }
        Socket socket = open(checked, sender);
        SMTPTransport transport = (SMTPTransport) session.getTransport("smtp");
        try {
            transport.connect(socket);
        } catch (MessagingException e) {
            closeQuietly(socket);
            // Jakarta Mail stops right after the first EHLO when STARTTLS is required and missing;
            // the EHLO answer it kept tells that apart from a failure after the upgrade (AUTH, I/O).
            boolean notOffered = STARTTLS.equals(sender.smtpSecurity())
                    && !(e instanceof AuthenticationFailedException)
                    && e.getCause() == null
                    && !transport.supportsExtension("STARTTLS");
            if (notOffered) {
                throw new MailTransportException(
                        "The SMTP server does not offer STARTTLS, which the settings require; nothing was sent.",
                        true,
                        e);
            }
            throw e;
        }
        return transport;
    }

    /** A connected socket to {@code address}; for implicit TLS, with the handshake done and the name checked. */
    private Socket open(InetAddress address, SenderSettings sender) throws MessagingException {
        int limit = (int) properties.delivery().timeLimit().toMillis();
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(address, sender.smtpPort()), limit);
            socket.setSoTimeout(limit);
            if (!TLS.equals(sender.smtpSecurity())) {
                return socket;
            }
            SSLSocket secure = (SSLSocket) tls.createSocket(socket, sender.smtpHost(), sender.smtpPort(), true);
            secure.setSSLParameters(MailTrust.checkingHostName(secure.getSSLParameters()));
            secure.startHandshake();
            return secure;
        } catch (SSLException e) {
            closeQuietly(socket);
            throw new MailTransportException(
                    "The SMTP server's TLS could not be trusted or agreed on ("
                            + e.getClass().getSimpleName() + ").",
                    true,
                    e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new MessagingException("connection failed", e);
        }
    }

    private Session session(SenderSettings sender) {
        String limit = Long.toString(properties.delivery().timeLimit().toMillis());
        Properties props = new Properties();
        props.put("mail.smtp.host", sender.smtpHost());
        props.put("mail.smtp.port", Integer.toString(sender.smtpPort() == null ? 25 : sender.smtpPort()));
        props.put("mail.smtp.connectiontimeout", limit);
        props.put("mail.smtp.timeout", limit);
        props.put("mail.smtp.writetimeout", limit);
        props.put("mail.smtp.auth", Boolean.toString(sender.smtpUsername() != null));
        if (sender.smtpUsername() != null) {
            props.put("mail.smtp.user", sender.smtpUsername());
        }
        if (STARTTLS.equals(sender.smtpSecurity())) {
            // Required, not opportunistic: without STARTTLS the library stops before AUTH or MAIL.
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
            props.put("mail.smtp.ssl.socketFactory", tls);
            props.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        String user = sender.smtpUsername();
        String secret = sender.secret();
        return Session.getInstance(props, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return user == null ? null : new PasswordAuthentication(user, secret);
            }
        });
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already failing; the first error is the one to report.
        }
    }

    private static MimeMessage mime(Session session, SenderSettings sender, MailMessage message)
            throws MessagingException {
        MimeMessage mime = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                // One Message-ID for every attempt of a delivery, so a resend reads as the same mail.
                setHeader("Message-ID", message.messageId());
            }
        };
        try {
            mime.setFrom(new InternetAddress(message.fromAddress(), message.fromName(), "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        if (message.replyTo() != null) {
            mime.setReplyTo(InternetAddress.parse(message.replyTo(), true));
        }
        mime.setRecipients(Message.RecipientType.TO, InternetAddress.parse(message.to(), true));
        mime.setSubject(message.subject(), "UTF-8");
        if (message.deliveryId() != null) {
            mime.setHeader("X-Tenantcore-Delivery", message.deliveryId());
        }
        for (var header : message.headers().entrySet()) {
            mime.setHeader(header.getKey(), header.getValue());
        }

        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(message.text(), "UTF-8", "plain");
        alternative.addBodyPart(text);
        MimeBodyPart html = new MimeBodyPart();
        html.setText(message.html(), "UTF-8", "html");
        alternative.addBodyPart(html);
        if (message.attachments().isEmpty()) {
            mime.setContent(alternative);
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternative);
            mixed.addBodyPart(body);
            for (MailAttachment attachment : message.attachments()) {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(
                        new DataHandler(new ByteArrayDataSource(attachment.content(), attachment.contentType())));
                part.setFileName(attachment.filename());
                part.setDisposition(MimeBodyPart.ATTACHMENT);
                mixed.addBodyPart(part);
            }
            mime.setContent(mixed);
        }
        mime.saveChanges();
        return mime;
    }

    /** Refusals that a retry cannot change are permanent; a connection or a busy server may pass. */
    private static MailTransportException failure(MessagingException e) {
        if (e instanceof AuthenticationFailedException) {
            return new MailTransportException("The SMTP server refused the credentials.", true, e);
        }
        if (e instanceof SMTPAddressFailedException refused) {
            return new MailTransportException(
                    "The SMTP server refused the recipient (" + refused.getReturnCode() + ").",
                    refused.getReturnCode() >= 500,
                    e);
        }
        if (e instanceof SMTPSendFailedException refused) {
            return new MailTransportException(
                    "The SMTP server refused the mail (" + refused.getReturnCode() + ").",
                    refused.getReturnCode() >= 500,
                    e);
        }
        if (e instanceof SendFailedException) {
            return new MailTransportException("The SMTP server refused the recipient.", true, e);
        }
        if (e.getCause() instanceof SSLException) {
            return new MailTransportException(
                    "The SMTP server's TLS could not be trusted or agreed on ("
                            + e.getCause().getClass().getSimpleName() + ").",
                    true,
                    e);
        }
        String kind = e.getCause() == null
                ? e.getClass().getSimpleName()
                : e.getCause().getClass().getSimpleName();
        return new MailTransportException("The SMTP server could not be reached (" + kind + ").", false, e);
    }
}
