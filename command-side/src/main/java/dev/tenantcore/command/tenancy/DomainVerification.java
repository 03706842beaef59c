package dev.tenantcore.command.tenancy;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.tenancy.DomainOwnershipCheck;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Checks a tenant's unverified domain before the verify command is sent, so resolving the domain
 * and fetching its well-known file never happen while a database connection or transaction is held.
 * The check runs on a small pool of its own: at most {@code app.domains.max-concurrent-verifications}
 * at once (one more is refused at once, not queued), each given {@code
 * app.domains.verification-timeout} in all. A lookup that hangs past it (the JDK's resolver cannot be
 * interrupted) keeps its pool thread until it returns, never the caller, and the bounded pool keeps
 * such threads few.
 */
@Component
class DomainVerification implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DomainVerification.class);

    private final DomainClaims claims;
    private final DomainOwnershipVerifier verifier;
    private final DomainSettings settings;
    private final ThreadPoolExecutor checks;

    DomainVerification(DomainClaims claims, DomainOwnershipVerifier verifier, DomainSettings settings) {
        this.claims = claims;
        this.verifier = verifier;
        this.settings = settings;
        AtomicInteger count = new AtomicInteger();
        this.checks = new ThreadPoolExecutor(
                0,
                settings.getMaxConcurrentVerifications(),
                60,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "domain-verification-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * What the domain serves, checked against the tenant's token; null when the tenant has no
     * unverified claim on it (the command then answers: not found, already verified, or lapsed).
     */
    DomainOwnershipCheck check(TenantId tenant, String domain) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A domain must not be checked inside a transaction.");
        }
        String normalized = domain == null ? "" : domain.toLowerCase(Locale.ROOT);
        String token = claims.unverifiedToken(normalized, tenant).orElse(null);
        if (token == null) {
            return null;
        }
        Future<DomainOwnershipVerifier.Outcome> running;
        try {
            running = checks.submit(() -> verifier.verify(normalized, token));
        } catch (RejectedExecutionException e) {
            return DomainOwnershipCheck.failed(
                    token, "too many domain verifications are running; try again in a minute");
        }
        try {
            DomainOwnershipVerifier.Outcome outcome =
                    running.get(settings.getVerificationTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return outcome.verified()
                    ? DomainOwnershipCheck.served(token)
                    : DomainOwnershipCheck.failed(token, outcome.reason());
        } catch (TimeoutException e) {
            running.cancel(true);
            return DomainOwnershipCheck.failed(
                    token, "the domain did not answer within " + seconds() + " (DNS and HTTP together)");
        } catch (ExecutionException e) {
            log.warn("checking the domain {} failed", normalized, e.getCause());
            return DomainOwnershipCheck.failed(token, "the domain could not be checked");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.cancel(true);
            return DomainOwnershipCheck.failed(token, "the check was interrupted");
        }
    }

    private String seconds() {
        long millis = settings.getVerificationTimeout().toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    @Override
    public void destroy() {
        checks.shutdownNow();
    }
}
