package dev.tenantcore.infra.mail.smtp;

import dev.tenantcore.infra.http.OutboundHttp;
import dev.tenantcore.infra.http.RefusedAddressException;
import dev.tenantcore.infra.mail.MailAttachment;
import dev.tenantcore.infra.mail.MailMessage;
import dev.tenantcore.infra.mail.MailProperties;
import dev.tenantcore.infra.mail.MailTransport;
import dev.tenantcore.infra.mail.MailTransportException;
import dev.tenantcore.infra.mail.SenderSettings;
import jakarta.activation.DataHandler;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.net.UnknownHostException;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.stereotype.Component;

/**
 * SMTP through Jakarta Mail: STARTTLS (required, not opportunistic), implicit TLS, or plain for a
 * relay on a trusted network. The host must resolve to public addresses only (the outbound address
 * guard), so a tenant cannot point its sender at the platform's own network. Every wait is bounded
 * by the delivery time limit.
 */
@Component
class SmtpTransport implements MailTransport {

    private final OutboundHttp outbound;
    private final MailProperties properties;

    SmtpTransport(OutboundHttp outbound, MailProperties properties) {
        this.outbound = outbound;
        this.properties = properties;
    }

    @Override
    public String provider() {
        return SenderSettings.SMTP;
    }

    @Override
    public String send(SenderSettings sender, MailMessage message) {
        Session session = session(sender);
        try (Transport transport = connect(session, sender)) {
            MimeMessage mime = mime(session, sender, message);
            transport.sendMessage(mime, mime.getAllRecipients());
            return message.messageId();
        } catch (MessagingException e) {
            throw failure(e);
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

    private Transport connect(Session session, SenderSettings sender) throws MessagingException {
        if (sender.smtpHost() == null || sender.smtpPort() == null) {
            throw new MailTransportException("No SMTP host is set.", true, null);
        }
        try {
            outbound.resolve(sender.smtpHost());
        } catch (RefusedAddressException e) {
            throw new MailTransportException("The SMTP host is not a public address.", true, e);
        } catch (UnknownHostException e) {
            throw new MailTransportException("The SMTP host does not resolve.", false, e);
        }
        Transport transport = session.getTransport(protocol(sender));
        transport.connect(sender.smtpHost(), sender.smtpPort(), sender.smtpUsername(), sender.secret());
        return transport;
    }

    private Session session(SenderSettings sender) {
        String protocol = protocol(sender);
        String limit = Long.toString(properties.delivery().timeLimit().toMillis());
        Properties props = new Properties();
        props.put("mail." + protocol + ".connectiontimeout", limit);
        props.put("mail." + protocol + ".timeout", limit);
        props.put("mail." + protocol + ".writetimeout", limit);
        props.put("mail." + protocol + ".auth", Boolean.toString(sender.smtpUsername() != null));
        if ("starttls".equals(sender.smtpSecurity())) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        if (!"none".equals(sender.smtpSecurity())) {
            props.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        return Session.getInstance(props);
    }

    private static String protocol(SenderSettings sender) {
        return "tls".equals(sender.smtpSecurity()) ? "smtps" : "smtp";
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
        mime.setHeader("X-Tenantcore-Delivery", message.deliveryId());

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
        String kind = e.getCause() == null
                ? e.getClass().getSimpleName()
                : e.getCause().getClass().getSimpleName();
        return new MailTransportException("The SMTP server could not be reached (" + kind + ").", false, e);
    }
}
