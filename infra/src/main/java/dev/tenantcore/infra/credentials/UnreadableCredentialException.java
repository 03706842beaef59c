package dev.tenantcore.infra.credentials;

/** A stored credential that cannot be read: its key left the ring, or the value was altered or moved. */
public class UnreadableCredentialException extends IllegalStateException {

    UnreadableCredentialException(String message) {
        super(message);
    }
}
