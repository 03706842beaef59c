package dev.tenantcore.query.support;

/**
 * Page sizes for every list. The cap protects the database from a client asking for everything at
 * once; it is enforced here as well as at the edge because queries also come from other callers.
 */
public final class PageSize {

    public static final int DEFAULT = 20;
    public static final int MAX = 100;

    private PageSize() {}

    /** A missing or non-positive size means the default; anything above the cap is cut to it. */
    public static int of(int requested) {
        if (requested <= 0) {
            return DEFAULT;
        }
        return Math.min(requested, MAX);
    }
}
