package dev.tenantcore.command.crm;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.infra.mail.MailOutbox;
import dev.tenantcore.infra.mail.MailTemplate;
import dev.tenantcore.infra.mail.OutgoingMail;
import java.util.Arrays;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@link ContactMail} through the mail outbox: the delivery row commits with the command, or not at all. */
@Component
class OutboxContactMail implements ContactMail {

    private final MailOutbox outbox;

    OutboxContactMail(MailOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void queue(String key, String template, String recipient, String locale, Map<String, Object> model) {
        MailTemplate chosen = Arrays.stream(MailTemplate.values())
                .filter(t -> t.wireName().equals(template))
                .findFirst()
                .orElseThrow(() ->
                        new DomainException(ErrorCode.INVALID_RULE_ACTION, "No email template is called " + template));
        outbox.enqueue(OutgoingMail.to(recipient, key, chosen, model).withLocale(locale));
    }
}
