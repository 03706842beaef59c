package dev.tenantcore.command.notifications;

import dev.tenantcore.api.notifications.MailSender;
import dev.tenantcore.command.common.Rules;
import java.util.Set;

/** What a valid sender is, whoever sends it: the SMTP fields only for SMTP, and all of them there. */
final class MailSettingsRules {

    private static final Set<String> SECURITY = Set.of("starttls", "tls", "none");

    private MailSettingsRules() {}

    static MailSender sender(MailSender given) {
        if (given == null) {
            throw Rules.invalid("the sender is required");
        }
        String provider = given.provider();
        if (!MailSender.SMTP.equals(provider) && !MailSender.SENDGRID.equals(provider)) {
            throw Rules.invalid("provider must be smtp or sendgrid");
        }
        String name = Rules.text("senderName", given.senderName(), 200);
        String address = Rules.text("senderAddress", given.senderAddress(), 254);
        String replyTo = Rules.optionalText("replyTo", given.replyTo(), 254);
        if (MailSender.SENDGRID.equals(provider)) {
            return new MailSender(name, address, replyTo, provider, null, null, null, null);
        }
        if (given.smtpHost() == null || given.smtpPort() == null || given.smtpSecurity() == null) {
            throw Rules.invalid("SMTP needs smtpHost, smtpPort and smtpSecurity.");
        }
        if (given.smtpPort() < 1 || given.smtpPort() > 65535 || !SECURITY.contains(given.smtpSecurity())) {
            throw Rules.invalid("smtpPort is 1-65535 and smtpSecurity starttls, tls or none");
        }
        return new MailSender(
                name,
                address,
                replyTo,
                provider,
                Rules.text("smtpHost", given.smtpHost(), 253),
                given.smtpPort(),
                given.smtpSecurity(),
                Rules.optionalText("smtpUsername", given.smtpUsername(), 254));
    }
}
