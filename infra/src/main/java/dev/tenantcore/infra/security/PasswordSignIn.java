package dev.tenantcore.infra.security;

import dev.tenantcore.api.common.UserId;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
    /**
     * Compared against when the account does not exist, so both failures cost the same time. Hashed
     * beside the start rather than in it (a hash is a few hundred milliseconds of CPU); a sign-in
     * that comes before it is ready waits for it, and one after a failed attempt hashes it again.
     */
    private volatile CompletableFuture<String> decoyHash;

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
        this.decoyHash = CompletableFuture.supplyAsync(() -> passwords.encode("decoy-" + Instant.now()));
    }

    /** The session's first tokens, or empty for a wrong email or password or an inactive account. */
    Optional<SignIn.Tokens> signIn(String email, String password, HttpServletRequest request) {
        String normalised = email.strip().toLowerCase(Locale.ROOT);
        SignInThrottle.Attempt attempt = throttle.begin(normalised);
        Optional<Credentials> account = tx.execute(status -> accounts.byEmail(normalised));
        String hash;
        boolean matches;
        try {
            hash = account.map(Credentials::passwordHash).orElseGet(this::decoyHash);
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
        String checked = hash;
        Optional<SignIn.Tokens> tokens = tx.execute(status -> accounts.lockById(user)
                .filter(current -> current.active() && current.passwordHash().equals(checked))
                .map(current -> signIn.open(current, request)));
        if (tokens.isPresent()) {
            attempt.giveBack();
        }
        return tokens;
    }

    private String decoyHash() {
        CompletableFuture<String> decoy = decoyHash;
        if (decoy.isCompletedExceptionally()) {
            decoy = CompletableFuture.completedFuture(passwords.encode("decoy-" + Instant.now()));
            decoyHash = decoy;
        }
        try {
            return decoy.join();
        } catch (CompletionException failed) {
            // Refused as busy while this sign-in waited for it: the same answer as its own hash would get.
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
    }
}
