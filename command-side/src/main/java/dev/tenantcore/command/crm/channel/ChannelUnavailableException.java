package dev.tenantcore.command.crm.channel;

/**
 * The provider could not be asked or did not answer usefully (network, 5xx, 429): nothing says the
 * request failed for good, so it may be tried again later. {@code maybeDelivered} when the request
 * may have reached the provider (the answer timed out): a send is then never repeated, as the
 * provider may have taken it. Never carries a credential.
 */
public class ChannelUnavailableException extends RuntimeException {

    private final boolean maybeDelivered;

    public ChannelUnavailableException(String message, boolean maybeDelivered) {
        super(message);
        this.maybeDelivered = maybeDelivered;
    }

    public boolean maybeDelivered() {
        return maybeDelivered;
    }
}
