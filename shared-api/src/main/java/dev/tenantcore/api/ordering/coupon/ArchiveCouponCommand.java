package dev.tenantcore.api.ordering.coupon;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record ArchiveCouponCommand(
        @TargetAggregateIdentifier CouponId couponId,
        @TargetAggregateVersion Long expectedVersion) {}
