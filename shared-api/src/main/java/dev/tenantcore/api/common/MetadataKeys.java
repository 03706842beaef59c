package dev.tenantcore.api.common;

/** Keys of the metadata that every command, event and query carries, set once at the edge. */
public final class MetadataKeys {

    public static final String TENANT_ID = "tenantId";
    public static final String USER_ID = "userId";
    /** How the user signed in: {@link #ACTOR_USER} or {@link #ACTOR_API_KEY}; absent for the system. */
    public static final String ACTOR_TYPE = "actorType";
    /** The address of the HTTP request that caused the message, where there was one. */
    public static final String CLIENT_IP = "clientIp";
    /** The {@code User-Agent} of that request, cut to 256 characters. */
    public static final String USER_AGENT = "userAgent";

    /** The automation run whose step sent the command; carried on to the events it causes. */
    public static final String AUTOMATION_RUN_ID = "automationRunId";
    /** How many automation runs led to the message (absent: none); rules stop at a depth. */
    public static final String AUTOMATION_DEPTH = "automationDepth";

    public static final String ACTOR_USER = "user";
    public static final String ACTOR_API_KEY = "api_key";

    private MetadataKeys() {}
}
