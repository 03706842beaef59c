package dev.tenantcore.infra.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Credential keys kept in files ({@code tenantcore.credentials.key-files.<id>}: a mounted secret, or
 * a file written with {@code umask 077}), each holding the base64 of 32 bytes. A key file that group
 * or others may read or write stops the start: whoever can read it can read every secret it seals,
 * the token signing keys included, and whoever can write it can swap it.
 */
final class KeyFiles {

    static final String PROPERTY = "tenantcore.credentials.key-files";

    private static final Logger log = LoggerFactory.getLogger(KeyFiles.class);
    private static final Set<PosixFilePermission> OWNER_ONLY_VIOLATIONS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE);

    private KeyFiles() {}

    static Map<String, Path> configured(Environment env) {
        Map<String, String> paths = Binder.get(env)
                .bind(PROPERTY, Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        Map<String, Path> files = new LinkedHashMap<>();
        paths.forEach((id, path) -> files.put(id, Path.of(path.strip()).toAbsolutePath()));
        return files;
    }

    /** Refuses every configured key file that is open to group or others; called while the application starts. */
    static void checkPermissions(Environment env) {
        configured(env).forEach(KeyFiles::checkPermissions);
    }

    static Map<String, SecretKey> read(Environment env) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        configured(env).forEach((id, file) -> {
            checkPermissions(id, file);
            String base64;
            try {
                base64 = Files.readString(file, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the credential key file " + file + " (" + PROPERTY + "."
                        + id + "): " + e.getMessage());
            }
            keys.put(id, CredentialKeys.key(CredentialKeys.decoded(base64, PROPERTY + "." + id), file.toString()));
        });
        return keys;
    }

    private static void checkPermissions(String id, Path file) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            log.info(
                    "The credential key file {} is on a file system without POSIX permissions;"
                            + " who may read it is not checked.",
                    file);
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = view.readAttributes().permissions();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the credential key file " + file + " (" + PROPERTY + "." + id
                    + "): " + e.getMessage());
        }
        Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
        open.addAll(permissions);
        open.retainAll(OWNER_ONLY_VIOLATIONS);
        if (!open.isEmpty()) {
            throw new IllegalStateException("The credential key file " + file + " (" + PROPERTY + "." + id + ") has"
                    + " permissions " + PosixFilePermissions.toString(permissions)
                    + ": group or others may read or write it, and with it every secret it protects."
                    + " Restrict it to its owner and start again: chmod 600 " + file);
        }
    }
}
