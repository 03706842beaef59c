package dev.tenantcore.infra.security;

import dev.tenantcore.api.common.UserId;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signs an account in with its email and password, in the request's tenant. The account's own
 * allowance of failed sign-ins is checked first ({@link SignInThrottle}), so a held-back account
 * costs no hash; the password is hashed outside any transaction, so sign-ins waiting for a hashing
 * turn hold no database connection that the rest of the API needs.
 *
 * <p>The credentials come from the command side's record, written in the transaction of every
 * change to the account. The session is opened only if the account still has the hash that was
 * checked and is still active, read under a share lock: a password change or deactivation that
 * commits meanwhile either is seen here, or waits for this session and then ends it.
 */
@Component
class PasswordSignIn {

    private final UserCredentials accounts;
    private final PasswordEncoder passwords;
    private final SignInThrottle throttle;
    private final SignIn signIn;
    private final TransactionTemplate tx;
    /** Compared against when the account does not exist, so both failures cost the same time. */
    private final String decoyHash;

    PasswordSignIn(
            UserCredentials accounts,
            PasswordEncoder passwords,
            SignInThrottle throttle,
            SignIn signIn,
            PlatformTransactionManager transactionManager) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.throttle = throttle;
        this.signIn = signIn;
        this.tx = new TransactionTemplate(transactionManager);
        this.decoyHash = passwords.encode("decoy-" + Instant.now());
    }

    /** The session's first tokens, or empty for a wrong email or password or an inactive account. */
    Optional<SignIn.Tokens> signIn(String email, String password, HttpServletRequest request) {
        String normalised = email.strip().toLowerCase(Locale.ROOT);
        SignInThrottle.Attempt attempt = throttle.begin(normalised);
        Optional<Credentials> account = tx.execute(status -> accounts.byEmail(normalised));
        String hash = account.map(Credentials::passwordHash).orElse(decoyHash);
        boolean matches;
        try {
            matches = passwords.matches(password, hash);
        } catch (RuntimeException notChecked) {
            // Refused as busy, say: no password was tried, so the account's allowance is untouched.
            attempt.giveBack();
            throw notChecked;
        }
        if (account.isEmpty() || !matches || !account.get().active()) {
            return Optional.empty();
        }
        UserId user = account.get().userId();
        Optional<SignIn.Tokens> tokens = tx.execute(status -> accounts.lockById(user)
                .filter(current -> current.active() && current.passwordHash().equals(hash))
                .map(current -> signIn.open(current, request)));
        if (tokens.isPresent()) {
            attempt.giveBack();
        }
        return tokens;
    }
}
