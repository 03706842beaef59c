package dev.tenantcore.api.common;

/** Keys of the metadata that every command, event and query carries, set once at the edge. */
public final class MetadataKeys {

    public static final String TENANT_ID = "tenantId";
    public static final String USER_ID = "userId";

    private MetadataKeys() {}
}
