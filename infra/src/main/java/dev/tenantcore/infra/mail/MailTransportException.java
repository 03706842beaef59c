package dev.tenantcore.infra.mail;

/**
 * A provider did not take a mail. {@code permanent}: trying again cannot help (refused recipient,
 * bad credentials, a message the provider rejects); otherwise the mail is retried with back-off.
 */
public class MailTransportException extends RuntimeException {

    private final boolean permanent;

    public MailTransportException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
