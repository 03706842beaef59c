package dev.tenantcore.app.support;

import dev.tenantcore.command.tenancy.DomainResolver;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The tests' DNS for domain verification: test domains ({@code shop-x.test}) resolve only to the
 * local servers that tests route them to, and nothing is ever looked up on the network. Picked up
 * by the application's component scan in tests only, in place of the system resolver.
 */
@Component
@Primary
public class LocalDomains implements DomainResolver {

    private final Map<String, InetSocketAddress> routes = new ConcurrentHashMap<>();
    private final Map<String, Hang> hangs = new ConcurrentHashMap<>();

    public void route(String domain, InetSocketAddress to) {
        routes.put(domain, to);
    }

    /** Makes looking {@code domain} up hang, as a DNS server that never answers would, until released. */
    public Hang hang(String domain) {
        Hang hang = new Hang();
        hangs.put(domain, hang);
        return hang;
    }

    @Override
    public List<InetSocketAddress> resolve(String domain) throws UnknownHostException {
        Hang hang = hangs.get(domain);
        if (hang != null) {
            hang.block();
        }
        InetSocketAddress to = routes.get(domain);
        if (to == null) {
            throw new UnknownHostException(domain);
        }
        return List.of(to);
    }

    /** A lookup that does not answer; what the thread that asked held while it waited is kept. */
    public static final class Hang {

        /** Long enough to outlast any limit under test, short enough not to keep a thread for good. */
        private static final Duration LONGEST = Duration.ofSeconds(30);

        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile Instant enteredAt;
        private volatile boolean transactionActive;

        private void block() {
            transactionActive = TransactionSynchronizationManager.isActualTransactionActive();
            enteredAt = Instant.now();
            entered.countDown();
            try {
                released.await(LONGEST.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                // A lookup can ignore interruption (InetAddress does); this one honours it.
                Thread.currentThread().interrupt();
            }
        }

        public boolean entered() {
            return entered.getCount() == 0;
        }

        public Instant enteredAt() {
            return enteredAt;
        }

        /** Whether the thread that looked the domain up was inside a transaction. */
        public boolean transactionActive() {
            return transactionActive;
        }

        public void release() {
            released.countDown();
        }
    }
}
