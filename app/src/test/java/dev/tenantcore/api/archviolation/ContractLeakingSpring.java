package dev.tenantcore.api.archviolation;

import dev.tenantcore.infra.tenancy.TenantContext;
import org.springframework.stereotype.Component;

/** Breaks the module rules on purpose, so ArchitectureTest can show each rule failing. Test code only. */
@Component
public class ContractLeakingSpring {
    TenantContext context;
}
