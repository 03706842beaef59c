/**
 * The mails that events cause: order confirmation, payment receipt, invoice issued (with its PDF)
 * and order shipped, queued in the transaction of the {@code email} processor's handling of the
 * event (see {@link dev.tenantcore.infra.mail.MailOutbox}), and completed from the read models when
 * sent. Also how a tenant presents itself in every mail ({@link
 * dev.tenantcore.query.notifications.TenantMailBranding}).
 */
package dev.tenantcore.query.notifications;
