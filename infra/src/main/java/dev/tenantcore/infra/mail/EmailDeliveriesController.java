package dev.tenantcore.infra.mail;

import dev.tenantcore.infra.tenancy.TenantContext;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The tenant's delivery log, for its staff: what was sent to whom, what failed and why, and retry. */
@RestController
@Validated
@RequestMapping("/api/v1/email/deliveries")
class EmailDeliveriesController {

    private final MailDeliveries deliveries;
    private final TransactionTemplate tx;

    EmailDeliveriesController(MailDeliveries deliveries, PlatformTransactionManager transactionManager) {
        this.deliveries = deliveries;
        this.tx = new TransactionTemplate(transactionManager);
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'STAFF', 'AUDITOR')")
    public MailDeliveries.DeliveryPage list(
            @RequestParam(required = false) @Pattern(regexp = "pending|sent|failed") String status,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        return tx.execute(s -> deliveries.page(status, limit, cursor));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'STAFF', 'AUDITOR')")
    public MailDeliveries.DeliveryView get(@PathVariable UUID id) {
        return tx.execute(s -> deliveries.find(id).orElseThrow(MailDeliveries::missing));
    }

    /** A failed mail goes back in the queue; any other answers {@code 409 invalid_state}. */
    @PostMapping("/{id}/retry")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'STAFF')")
    public ResponseEntity<MailDeliveries.DeliveryView> retry(@PathVariable UUID id) {
        var tenant = TenantContext.requireTenant("Mails belong to a shop.");
        return ResponseEntity.accepted().body(tx.execute(s -> deliveries.retry(tenant, id)));
    }
}
