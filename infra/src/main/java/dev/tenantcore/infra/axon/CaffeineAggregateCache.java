package dev.tenantcore.infra.axon;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.lang.reflect.Field;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;

/**
 * Axon's aggregate cache on a Caffeine map bounded by entry count (least recently/frequently used
 * entries go first). Bounded by count, not by the collector's mood like {@code WeakReferenceCache}:
 * what a node may hold is a setting, and an entry is dropped the moment it is evicted, not whenever
 * the garbage collector gets to it. Entry listeners are not offered; the repository uses none.
 */
public final class CaffeineAggregateCache implements Cache {

    private final ConcurrentMap<Object, Object> entries;
    private final AtomicLong staleDropped = new AtomicLong();

    public CaffeineAggregateCache(long maximumSize) {
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).build().asMap();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) entries.get(key);
    }

    @Override
    public void put(Object key, Object value) {
        if (value == null) {
            entries.remove(key);
        } else {
            entries.put(key, value);
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.putIfAbsent(key, value) == null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return (T) entries.computeIfAbsent(key, k -> valueSupplier.get());
    }

    @Override
    public boolean remove(Object key) {
        return entries.remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.clear();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.computeIfPresent(key, (k, v) -> update.apply((V) v));
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("the aggregate cache offers no entry listeners");
    }

    /**
     * The version of the aggregate held under {@code key}, or null when none is held. Axon's cache
     * entry does not expose it; it is read from the entry's field.
     */
    public Long cachedVersion(Object key) {
        Object entry = entries.get(key);
        if (!(entry instanceof AggregateCacheEntry<?>)) {
            return null;
        }
        try {
            return (Long) VERSION.get(entry);
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    private static final Field VERSION = versionField();

    private static Field versionField() {
        try {
            Field field = AggregateCacheEntry.class.getDeclaredField("version");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Axon's AggregateCacheEntry has no version field", e);
        }
    }

    /** Drops an entry found older than the store (another node appended to its aggregate). */
    public void dropStale(Object key) {
        if (entries.remove(key) != null) {
            staleDropped.incrementAndGet();
        }
    }

    /** How many entries were dropped as older than the store. */
    public long staleDropped() {
        return staleDropped.get();
    }

    /** How many aggregates it holds now (for tests and metrics). */
    public long size() {
        return entries.size();
    }
}
