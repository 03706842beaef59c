package dev.tenantcore.infra.mail;

/** A way to hand mail to a provider: one implementation per provider, in a sub-package of its own. */
public interface MailTransport {

    /** {@link SenderSettings#provider()} values this transport serves. */
    String provider();

    /**
     * Hands {@code message} over; returns the provider's id of it.
     *
     * @throws MailTransportException when the provider refused it or could not be reached
     */
    String send(SenderSettings sender, MailMessage message);

    /** Checks the settings without sending anything (connect and authenticate, or a key check). */
    void verify(SenderSettings sender);
}
