package dev.tenantcore.command.common;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.media.MediaId;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link MediaLookup} on a map, standing in for {@code media_files} in aggregate tests: keyed by the
 * command's tenant, as row-level security keys the table.
 */
public final class InMemoryMediaLookup implements MediaLookup {

    private record Key(TenantId tenant, MediaId media) {}

    private final Map<Key, String> files = new HashMap<>();

    /** A file {@code tenant} uploaded before the test. */
    public InMemoryMediaLookup known(TenantId tenant, MediaId media, String contentType) {
        files.put(new Key(tenant, media), contentType);
        return this;
    }

    @Override
    public void stored(MediaId media, String contentType) {
        files.put(key(media), contentType);
    }

    @Override
    public void deleted(MediaId media) {
        files.remove(key(media));
    }

    @Override
    public Optional<String> contentType(MediaId media) {
        return Optional.ofNullable(files.get(key(media)));
    }

    private static Key key(MediaId media) {
        return new Key(TenantContext.requireTenant("no tenant"), media);
    }
}
