package dev.tenantcore.app.support;

import dev.tenantcore.command.identity.PasswordResetIssued;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

/**
 * Receives the password reset tokens the application issues, standing in for the email that will
 * carry them. Open one per test with {@link #open} and close it afterwards, as the application
 * context is shared by all integration tests.
 */
public final class ResetTokenInbox
        implements ApplicationListener<PayloadApplicationEvent<PasswordResetIssued>>, AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final List<PasswordResetIssued> received = new CopyOnWriteArrayList<>();

    private ResetTokenInbox(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static ResetTokenInbox open(ConfigurableApplicationContext context) {
        ResetTokenInbox inbox = new ResetTokenInbox(context);
        context.addApplicationListener(inbox);
        return inbox;
    }

    @Override
    public void onApplicationEvent(PayloadApplicationEvent<PasswordResetIssued> event) {
        received.add(event.getPayload());
    }

    /** The latest token sent to {@code email} in the tenant {@code tenantId}, waiting for it to arrive. */
    public String awaitToken(String tenantId, String email) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> latest(tenantId, email), Optional::isPresent)
                .orElseThrow();
    }

    public Optional<String> latest(String tenantId, String email) {
        return received.stream()
                .filter(r ->
                        r.tenantId().toString().equals(tenantId) && r.email().equals(email))
                .reduce((first, second) -> second)
                .map(PasswordResetIssued::token);
    }

    public List<PasswordResetIssued> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        context.removeApplicationListener(this);
    }
}
