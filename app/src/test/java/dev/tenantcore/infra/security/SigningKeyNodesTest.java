package dev.tenantcore.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.app.support.IntegrationTest;
import dev.tenantcore.app.support.TestClock;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;

/** Two nodes on one database: a rotation on one reaches the other without a restart. */
@IntegrationTest
@Import(TestClock.Own.class)
@DisplayName("Signing keys on several nodes")
class SigningKeyNodesTest {

    @Autowired
    SigningKeys running;

    @Autowired
    TestClock clock;

    @Autowired
    SigningKeyProperties settings;

    @Autowired
    ApplicationContext context;

    @Test
    @DisplayName("another node verifies the new key at once, and signs with it once it reads the keys again")
    void rotationReachesAnotherNode() throws Exception {
        SigningKeys signer = AnotherNode.signingKeys(context);
        SigningKeys verifier = AnotherNode.signingKeys(context);
        String oldKid = signer.signingKey().getKeyID();

        String newKid = running.rotate(new UserId(UUID.randomUUID())).kid();

        JWKSelector byNewKid =
                new JWKSelector(new JWKMatcher.Builder().keyID(newKid).build());
        assertThat(verifier.verificationKeys().get(byNewKid, null))
                .as("a token of the new key verifies on another node at once")
                .hasSize(1);
        assertThat(signer.signingKey().getKeyID())
                .as("until it reads the keys again, another node signs with the old key")
                .isEqualTo(oldKid);
        clock.advance(settings.refresh());
        assertThat(signer.signingKey().getKeyID()).isEqualTo(newKid);
        assertThat(signer.publicKeys().getKeyByKeyId(oldKid))
                .as("the old key is still published")
                .isNotNull();
    }
}
