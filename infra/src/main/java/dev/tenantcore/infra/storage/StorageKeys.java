package dev.tenantcore.infra.storage;

import java.util.UUID;
import java.util.regex.Pattern;

/** The object keys of tenants' files, all below {@code tenants/{tenantId}/}. */
public final class StorageKeys {

    /** Plain path segments only: no {@code ..}, no absolute path, nothing a file system or S3 reads specially. */
    private static final Pattern SAFE =
            Pattern.compile("^(?:[A-Za-z0-9][A-Za-z0-9._-]*/)*[A-Za-z0-9][A-Za-z0-9._-]*/?$");

    private StorageKeys() {}

    /** The folder of one file of a tenant, which holds its original and its variants. */
    public static String mediaFolder(UUID tenant, UUID media) {
        return "tenants/" + tenant + "/media/" + media + "/";
    }

    public static String original(UUID tenant, UUID media) {
        return mediaFolder(tenant, media) + "original";
    }

    /** The folder of one export of a tenant's events: its {@code .ndjson.gz} file and its manifest. */
    public static String exportFolder(UUID tenant, UUID export) {
        return "tenants/" + tenant + "/exports/" + export + "/";
    }

    public static String exportFile(UUID tenant, UUID export) {
        return exportFolder(tenant, export) + "events.ndjson.gz";
    }

    public static String exportManifest(UUID tenant, UUID export) {
        return exportFolder(tenant, export) + "manifest.json";
    }

    /** The folder of a key made by {@link #original}: its variants live beside it. */
    public static String folderOf(String key) {
        return checked(key).substring(0, key.lastIndexOf('/') + 1);
    }

    static String checked(String key) {
        if (key == null || !SAFE.matcher(key).matches() || key.contains("..")) {
            throw new IllegalArgumentException("not a storage key: " + key);
        }
        return key;
    }
}
