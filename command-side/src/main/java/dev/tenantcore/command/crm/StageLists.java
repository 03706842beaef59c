package dev.tenantcore.command.crm;

import java.util.List;

/**
 * The command side's record of the current tenant's lifecycle stages, written by {@link
 * ContactStageList} in the transaction of its events and read by {@link Contact}.
 */
interface StageLists {

    /** The tenant's stages, in order: its own, or {@link dev.tenantcore.api.crm.LifecycleStages#DEFAULT}. */
    List<String> current();

    void set(List<String> stages);
}
