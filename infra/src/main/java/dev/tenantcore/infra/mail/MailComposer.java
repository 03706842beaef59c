package dev.tenantcore.infra.mail;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Completes queued mails of some templates when they are sent: finds the recipient, adds to the
 * model what the causing event did not carry (an order's lines, an invoice's totals) and the
 * attachments. Runs in the mail's tenant, outside any transaction of the cause, so it reads what
 * its context's read models hold by then. Throw {@link MailNotReady} while something it needs is not
 * readable yet: the mail is tried again later, like a provider that did not answer.
 */
public interface MailComposer {

    Set<MailTemplate> templates();

    Composition compose(Queued mail);

    /** A queued mail as its cause stored it. */
    record Queued(
            TenantId tenantId,
            MailTemplate template,
            String recipient,
            UserId recipientUser,
            String locale,
            Map<String, Object> model,
            String attachment) {}

    /** The mail to render: recipient address, locale (null: the tenant's), model and attachments. */
    record Composition(String recipient, String locale, Map<String, Object> model, List<MailAttachment> attachments) {}

    /** Something the mail needs is not readable yet. */
    final class MailNotReady extends RuntimeException {

        public MailNotReady(String what) {
            super(what);
        }
    }
}
