package dev.tenantcore.command.ordering.coupon;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.ordering.coupon.ArchiveCouponCommand;
import dev.tenantcore.api.ordering.coupon.CouponArchivedEvent;
import dev.tenantcore.api.ordering.coupon.CouponCreatedEvent;
import dev.tenantcore.api.ordering.coupon.CouponId;
import dev.tenantcore.api.ordering.coupon.CouponTerms;
import dev.tenantcore.api.ordering.coupon.CouponUpdatedEvent;
import dev.tenantcore.api.ordering.coupon.CreateCouponCommand;
import dev.tenantcore.api.ordering.coupon.UpdateCouponCommand;
import dev.tenantcore.command.common.TenantFacts;
import dev.tenantcore.command.common.TenantOwned;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A coupon code of a tenant's shop.
 *
 * <p>Invariants: the code is unique in the tenant whatever its case (claimed in {@link Coupons} in
 * the command transaction) and never changes; a percentage is 1-10000 basis points, a fixed amount
 * and a minimum subtotal are in the shop's currency as the command side knows it ({@link
 * TenantFacts}); the window ends after it starts. An archived coupon is refused at checkout and
 * changes no more. Every change is written to {@link Coupons} in the command transaction, so the
 * next order is judged by it.
 */
@Aggregate
public class Coupon extends TenantOwned {

    @AggregateIdentifier
    private CouponId id;

    private CouponTerms terms;
    private boolean archived;

    protected Coupon() {}

    @CommandHandler
    public Coupon(
            CreateCouponCommand command,
            @MetaDataValue(MetadataKeys.TENANT_ID) String tenant,
            Coupons coupons,
            TenantFacts tenants) {
        TenantId tenantId = TenantId.of(tenant);
        String code = CouponRules.code(command.code());
        CouponTerms valid =
                CouponRules.terms(command.terms(), tenants.require(tenantId).currency());
        coupons.created(command.couponId(), code, valid);
        apply(new CouponCreatedEvent(command.couponId(), tenantId, code, valid));
    }

    /** New terms for orders placed from now on; orders placed before keep their discount. */
    @CommandHandler
    public long handle(UpdateCouponCommand command, Coupons coupons, TenantFacts tenants) {
        if (archived) {
            throw new DomainException(ErrorCode.INVALID_STATE, "An archived coupon cannot change.");
        }
        CouponTerms valid =
                CouponRules.terms(command.terms(), tenants.require(tenantId).currency());
        if (valid.equals(terms)) {
            return getVersion();
        }
        coupons.updated(id, valid);
        apply(new CouponUpdatedEvent(id, valid));
        return getVersion();
    }

    /** Archiving again changes nothing. */
    @CommandHandler
    public long handle(ArchiveCouponCommand command, Coupons coupons) {
        if (!archived) {
            coupons.archived(id);
            apply(new CouponArchivedEvent(id));
        }
        return getVersion();
    }

    @EventSourcingHandler
    void on(CouponCreatedEvent event) {
        id = event.couponId();
        tenantId = event.tenantId();
        terms = event.terms();
    }

    @EventSourcingHandler
    void on(CouponUpdatedEvent event) {
        terms = event.terms();
    }

    @EventSourcingHandler
    void on(CouponArchivedEvent event) {
        archived = true;
    }

    @Override
    protected String aggregateId() {
        return String.valueOf(id);
    }
}
