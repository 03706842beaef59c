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

    private record ReferrerKey(TenantId tenant, Referrer referrer) {}

    private final Map<Key, String> files = new HashMap<>();
    private final Map<ReferrerKey, MediaId> references = new HashMap<>();

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

    /** {@code referrer} of {@code tenant} showed {@code media} before the test. */
    public InMemoryMediaLookup shown(TenantId tenant, Referrer referrer, MediaId media) {
        references.put(new ReferrerKey(tenant, referrer), media);
        return this;
    }

    /** What {@code referrer} of {@code tenant} shows now, if anything. */
    public Optional<MediaId> shownBy(TenantId tenant, Referrer referrer) {
        return Optional.ofNullable(references.get(new ReferrerKey(tenant, referrer)));
    }

    @Override
    public boolean show(Referrer referrer, MediaId media) {
        TenantId tenant = TenantContext.requireTenant("no tenant");
        if (media == null) {
            references.remove(new ReferrerKey(tenant, referrer));
            return true;
        }
        if (!files.containsKey(key(media))) {
            return false;
        }
        references.put(new ReferrerKey(tenant, referrer), media);
        return true;
    }

    @Override
    public Optional<Referrer> usedBy(MediaId media) {
        TenantId tenant = TenantContext.requireTenant("no tenant");
        return references.entrySet().stream()
                .filter(e -> e.getKey().tenant().equals(tenant) && e.getValue().equals(media))
                .map(e -> e.getKey().referrer())
                .findFirst();
    }

    private static Key key(MediaId media) {
        return new Key(TenantContext.requireTenant("no tenant"), media);
    }
}
