package dev.tenantcore.api.tenancy;

/**
 * What a check of a domain's well-known verification file found, made before the command is sent
 * and outside any transaction: whether the domain served {@code token}, and if not, {@code problem}
 * says why for the tenant's owner. The aggregate decides with it: a check of another token than the
 * domain's own proves nothing.
 */
public record DomainOwnershipCheck(String token, boolean tokenServed, String problem) {

    public static DomainOwnershipCheck served(String token) {
        return new DomainOwnershipCheck(token, true, null);
    }

    public static DomainOwnershipCheck failed(String token, String problem) {
        return new DomainOwnershipCheck(token, false, problem);
    }
}
