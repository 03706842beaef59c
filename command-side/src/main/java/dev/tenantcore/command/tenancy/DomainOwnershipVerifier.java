package dev.tenantcore.command.tenancy;

/**
 * Whether a domain proves that a tenant controls it, by serving the tenant's verification token.
 * Kept behind an interface so the aggregate only learns the outcome, never how it was found.
 */
public interface DomainOwnershipVerifier {

    String WELL_KNOWN_PATH = "/.well-known/tenantcore-domain-verification";

    Outcome verify(String domain, String expectedToken);

    /** {@code reason} says, for the tenant's owner, why a domain was not verified. */
    record Outcome(boolean verified, String reason) {

        public static Outcome success() {
            return new Outcome(true, null);
        }

        public static Outcome failure(String reason) {
            return new Outcome(false, reason);
        }
    }
}
