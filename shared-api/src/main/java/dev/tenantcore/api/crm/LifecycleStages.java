package dev.tenantcore.api.crm;

import java.util.List;

/** The lifecycle stages of a tenant that never set its own. */
public final class LifecycleStages {

    public static final List<String> DEFAULT =
            List.of("subscriber", "lead", "opportunity", "customer", "evangelist", "other");

    private LifecycleStages() {}
}
