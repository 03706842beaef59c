package dev.tenantcore.command.crm.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An email channel's settings")
class EmailSettingsTest {

    private static Map<String, String> given() {
        Map<String, String> settings = new HashMap<>();
        settings.put("imapHost", "IMAP.Example.com");
        settings.put("imapUsername", "support");
        settings.put("address", "Support@Example.com");
        return settings;
    }

    @Test
    @DisplayName("fill in implicit TLS on 993 and the INBOX, and keep host and address in lower case")
    void defaults() {
        assertThat(EmailSettings.of(given()).asMap())
                .containsEntry("imapHost", "imap.example.com")
                .containsEntry("imapPort", "993")
                .containsEntry("imapSecurity", "tls")
                .containsEntry("folder", "INBOX")
                .containsEntry("address", "support@example.com")
                .containsEntry("imapUsername", "support");
        Map<String, String> starttls = given();
        starttls.put("imapSecurity", "STARTTLS");
        assertThat(EmailSettings.of(starttls).imapPort()).isEqualTo(143);
    }

    @Test
    @DisplayName("refuse a missing host, username or address, a bad port or mode, an unknown setting and line breaks")
    void refusals() {
        for (String[] change : new String[][] {
            {"imapHost", null},
            {"imapHost", "bad host"},
            {"imapUsername", null},
            {"imapUsername", "a\r\nb"},
            {"address", "not-an-address"},
            {"imapPort", "0"},
            {"imapPort", "imap"},
            {"imapSecurity", "sometimes"},
            {"folder", "In\nbox"},
            {"smtpHost", "smtp.example.com"}
        }) {
            Map<String, String> settings = given();
            if (change[1] == null) {
                settings.remove(change[0]);
            } else {
                settings.put(change[0], change[1]);
            }
            assertThatThrownBy(() -> EmailSettings.of(settings))
                    .as(change[0] + "=" + change[1])
                    .isInstanceOfSatisfying(
                            DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        }
    }

    @Test
    @DisplayName("a reply's subject is 'Re: ' and the thread's, never 'Re: Re: '")
    void replySubject() {
        assertThat(EmailChannelDriver.subject("Order question")).isEqualTo("Re: Order question");
        assertThat(EmailChannelDriver.subject("RE: re: Order question")).isEqualTo("Re: Order question");
        assertThat(EmailChannelDriver.subject(null)).isEqualTo("Re: your message");
    }
}
