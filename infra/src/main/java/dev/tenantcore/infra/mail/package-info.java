/**
 * Email that is really sent: a tenant's own sender (SMTP or SendGrid, secrets in the credential
 * store) or the platform's default one, Handlebars templates in Spanish and English with the
 * tenant's branding and per-locale overrides, and a transactional outbox that is also the delivery
 * log ({@code email_deliveries}).
 *
 * <p>To attach a mail to an event, call {@link dev.tenantcore.infra.mail.MailOutbox#enqueue} from
 * the handler (or command) that reacts to it, inside its transaction, keyed by the event's id: the
 * mail is queued exactly when that handler's work commits, and a redelivered event queues nothing.
 * What a template needs that the event does not carry is read when the mail is sent, by the
 * {@link dev.tenantcore.infra.mail.MailComposer} of its template; transports are drivers behind
 * {@link dev.tenantcore.infra.mail.MailTransport}, one sub-package each.
 */
package dev.tenantcore.infra.mail;
