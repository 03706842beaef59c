package dev.tenantcore.infra.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tenantcore.api.common.TenantId;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

@DisplayName("A master key kept in a file")
class KeyFilesTest {

    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void writeKeyFile() throws IOException {
        assumeTrue(
                FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "POSIX permissions only exist on POSIX file systems");
        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        file = Files.writeString(dir.resolve("master.key"), Base64.getEncoder().encodeToString(material) + "\n");
    }

    private MockEnvironment configured() {
        return new MockEnvironment().withProperty("tenantcore.credentials.key-files.k1", file.toString());
    }

    @Test
    @DisplayName("stops the start when group or others may read it, naming the file and the chmod 600 fix")
    void refusesReadableByOthers() throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> new CredentialKeys(configured(), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("chmod 600 " + file);
    }

    @Test
    @DisplayName("stops the start when group or others may write it")
    void refusesWritableByGroup() throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw--w----"));

        assertThatThrownBy(() -> new CredentialKeys(configured(), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("chmod 600 " + file);
    }

    @Test
    @DisplayName("readable by its owner only, it joins the key ring and encrypts")
    void readsOwnerOnlyFile() throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        Map<String, javax.crypto.SecretKey> ring = KeyFiles.read(configured());

        assertThat(ring).containsOnlyKeys("k1");
        CredentialCipher cipher = new CredentialCipher(ring, "k1");
        TenantId tenant = TenantId.random();
        assertThat(cipher.open(tenant, "mail.sender", "password", cipher.seal(tenant, "mail.sender", "password", "pw")))
                .isEqualTo("pw");
    }
}
