package dev.tenantcore.infra.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler whose answer depends on an external provider answering (a payment provider read
 * or awaited): its operation documents {@code 502 payment_provider_failed}, which it answers when
 * the provider refused or could not be reached.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ReliesOnProvider {}
