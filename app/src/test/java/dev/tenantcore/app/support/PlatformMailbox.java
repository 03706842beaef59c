package dev.tenantcore.app.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.tenantcore.app.support.database.TestDatabaseEnvironment;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The platform's default sender in the tests' shared application: an SMTP server (GreenMail) that
 * lives as long as the test JVM, so mails of shops without a sender of their own are really sent
 * and can be read ({@code DefaultSenderTest}). Its port is only known once it runs, hence a property
 * source added before the application starts rather than application-test.yml.
 *
 * <p>Only the test profile's throw-away application gets it (as with {@code TestDatabaseEnvironment});
 * an application a test starts on a data directory of its own keeps what it asked for.
 */
public class PlatformMailbox implements EnvironmentPostProcessor {

    public static final String FROM_ADDRESS = "no-reply@platform.test";
    public static final String FROM_NAME = "Tenantcore Platform";
    public static final String REPLY_TO = "support@platform.test";

    private static GreenMail server;

    /** The running mailbox, started on first use. */
    public static synchronized GreenMail get() {
        if (server == null) {
            server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
            server.start();
            GreenMail started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "platform-mailbox-stop"));
        }
        return server;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!TestDatabaseEnvironment.throwAway(env)) {
            return;
        }
        env.getPropertySources()
                .addFirst(new MapPropertySource(
                        "platformMailbox",
                        Map.of(
                                "app.email.default-sender.provider",
                                "smtp",
                                "app.email.default-sender.from-name",
                                FROM_NAME,
                                "app.email.default-sender.from-address",
                                FROM_ADDRESS,
                                "app.email.default-sender.reply-to",
                                REPLY_TO,
                                "app.email.default-sender.smtp-host",
                                "127.0.0.1",
                                "app.email.default-sender.smtp-port",
                                get().getSmtp().getPort(),
                                "app.email.default-sender.smtp-security",
                                "none")));
    }
}
