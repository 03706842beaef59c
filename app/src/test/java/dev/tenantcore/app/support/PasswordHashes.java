package dev.tenantcore.app.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Watches the application's password encoder: every password it was asked to hash, so a test can
 * prove that a refused request never paid for hashing one. Part of the one shared test context
 * ({@link IntegrationTest} imports it); it only records, every call goes on to the real encoder.
 */
public class PasswordHashes implements BeanPostProcessor {

    private final List<String> hashed = new CopyOnWriteArrayList<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof PasswordEncoder encoder) {
            return new Recording(encoder);
        }
        return bean;
    }

    /** Whether {@code password} has been hashed (as a new password) since the application started. */
    public boolean hashed(String password) {
        return hashed.contains(password);
    }

    private final class Recording implements PasswordEncoder {

        private final PasswordEncoder encoder;

        Recording(PasswordEncoder encoder) {
            this.encoder = encoder;
        }

        @Override
        public String encode(CharSequence rawPassword) {
            hashed.add(rawPassword.toString());
            return encoder.encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            return encoder.matches(rawPassword, encodedPassword);
        }

        @Override
        public boolean upgradeEncoding(String encodedPassword) {
            return encoder.upgradeEncoding(encodedPassword);
        }
    }
}
