package dev.tenantcore.infra.security;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The one password encoder: Argon2id, a bounded number of hashes at a time. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SignInProperties.class)
class PasswordHashingConfiguration {

    @Bean
    PasswordEncoder passwordEncoder(SignInProperties properties, MeterRegistry meters) {
        return new BoundedPasswordEncoder(
                Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                properties.hashing().limit(),
                properties.hashing().maxWait(),
                meters);
    }
}
