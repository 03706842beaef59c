package dev.tenantcore.infra.mail;

import dev.tenantcore.api.common.UserId;
import java.util.Map;
import java.util.Objects;

/**
 * A mail to queue. {@code key} names what caused it, unique per tenant (for an event: its id and the
 * template), so queueing the same cause twice sends one mail. The recipient is an address or an
 * account whose address the template's {@link MailComposer} finds; {@code locale} (es, en) may be
 * null for the tenant's. {@code model} is what the template reads and is stored as JSON, so it holds
 * nothing secret: {@code secrets} (a reset token) are kept in the credential store until the mail is
 * sent and given to the template beside the model.
 */
public record OutgoingMail(
        String key,
        MailTemplate template,
        String recipient,
        UserId recipientUser,
        String locale,
        Map<String, Object> model,
        String attachment,
        Map<String, String> secrets) {

    public OutgoingMail {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(template, "template");
        model = model == null ? Map.of() : Map.copyOf(model);
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
    }

    /** A mail whose recipient and content its template's composer finds when it is sent. */
    public static OutgoingMail composed(String key, MailTemplate template, Map<String, Object> model) {
        return new OutgoingMail(key, template, null, null, null, model, null, null);
    }

    public static OutgoingMail to(String recipient, String key, MailTemplate template, Map<String, Object> model) {
        return new OutgoingMail(key, template, recipient, null, null, model, null, null);
    }

    public OutgoingMail withLocale(String locale) {
        return new OutgoingMail(key, template, recipient, recipientUser, locale, model, attachment, secrets);
    }

    public OutgoingMail withSecrets(Map<String, String> secrets) {
        return new OutgoingMail(key, template, recipient, recipientUser, locale, model, attachment, secrets);
    }
}
