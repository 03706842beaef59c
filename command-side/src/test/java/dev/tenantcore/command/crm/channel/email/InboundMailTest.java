package dev.tenantcore.command.crm.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A customer's mail as a conversation reads it")
class InboundMailTest {

    private static final Session SESSION = Session.getInstance(new Properties());

    /** The message as a server hands it over: written out and parsed again. */
    private static MimeMessage roundTrip(MimeMessage message) throws Exception {
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return new MimeMessage(SESSION, new ByteArrayInputStream(out.toByteArray()));
    }

    private static MimeMessage base() throws MessagingException {
        MimeMessage message = new MimeMessage(SESSION);
        message.setFrom(new InternetAddress("Ann@Customer.test"));
        message.setRecipients(Message.RecipientType.TO, "support@shop.test");
        message.setSubject("Order\r\n question");
        return message;
    }

    @Test
    @DisplayName("prefers the text part, reads the sender in lower case and the answered ids, latest first")
    void textAndThread() throws Exception {
        MimeMessage message = base();
        message.setHeader("In-Reply-To", "<b@x>");
        message.setHeader("References", "<a@x> <b@x>");
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Plain words", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText("<p>HTML words</p>", "UTF-8", "html");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);

        InboundMail mail = InboundMail.read(roundTrip(message), "<fallback@x>", 3, 7);

        assertThat(mail.text()).isEqualTo("Plain words");
        assertThat(mail.fromAddress()).isEqualTo("ann@customer.test");
        assertThat(mail.subject()).doesNotContain("\r").doesNotContain("\n");
        assertThat(mail.answers()).containsExactly("<b@x>", "<a@x>");
        assertThat(mail.messageId()).startsWith("<").endsWith(">").isNotEqualTo("<fallback@x>");
    }

    @Test
    @DisplayName("reduces an HTML-only mail to its text, without scripts, styles or tags")
    void htmlOnly() throws Exception {
        assertThat(InboundMail.htmlToText("<html><head><style>p{}</style><script>steal()</script></head>"
                        + "<body><p>Hello <b>there</b></p><script>alert(1)</script><div>Line&nbsp;2<br>Line 3</div>"
                        + "<img src=x onerror=alert(1)></body></html>"))
                .isEqualTo("Hello there\nLine\u00a02\nLine 3");
    }

    @Test
    @DisplayName(
            "references the first attachment by UIDVALIDITY, UID and part, finds that part again, and names the others")
    void attachments() throws Exception {
        MimeMessage message = base();
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("See attached", "UTF-8");
        mixed.addBodyPart(text);
        MimeBodyPart small = new MimeBodyPart();
        small.setDataHandler(new DataHandler(new ByteArrayDataSource(new byte[100], "image/png")));
        small.setFileName("receipt.png");
        mixed.addBodyPart(small);
        MimeBodyPart big = new MimeBodyPart();
        big.setDataHandler(new DataHandler(new ByteArrayDataSource(new byte[5000], "application/pdf")));
        big.setFileName("huge.pdf");
        mixed.addBodyPart(big);
        message.setContent(mixed);

        MimeMessage received = roundTrip(message);
        InboundMail mail = InboundMail.read(received, "<fallback@x>", 9, 42);

        assertThat(mail.attachmentType()).isEqualTo("image/png");
        assertThat(mail.attachmentRef()).isEqualTo("imap:9/42/3/receipt.png");
        assertThat(mail.text()).startsWith("See attached").contains("also attached, not kept: huge.pdf");
        InboundMail.Reference ref =
                InboundMail.Reference.parse(mail.attachmentRef()).orElseThrow();
        assertThat(ref).isEqualTo(new InboundMail.Reference(9, 42, 3, "receipt.png"));
        assertThat(InboundMail.partAt(received, ref.part()).getFileName()).isEqualTo("receipt.png");
        assertThat(InboundMail.partAt(received, ref.part()).getInputStream().readAllBytes())
                .hasSize(100);
        assertThat(InboundMail.partAt(received, 99)).isNull();
        assertThat(InboundMail.Reference.parse("imap:42/3/receipt.png")).isEmpty();
    }

    @Test
    @DisplayName("stands in a fallback id for a missing Message-ID and a digest for an overlong one")
    void ids() throws Exception {
        MimeMessage message = base();
        message.setText("x");
        message.saveChanges();
        message.removeHeader("Message-ID");
        assertThat(InboundMail.read(message, "<fallback@x>", 3, 1).messageId()).isEqualTo("<fallback@x>");
        assertThat(InboundMail.ids("<" + "a".repeat(300) + "@x>").get(0))
                .startsWith("<sha256.")
                .hasSizeLessThan(80);
    }
}
