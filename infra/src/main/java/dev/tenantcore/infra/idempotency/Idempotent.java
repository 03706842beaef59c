package dev.tenantcore.infra.idempotency;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method that accepts an {@code Idempotency-Key} header: a retry with the same
 * key and the same request gets the first response again instead of acting twice.
 *
 * @see IdempotencyFilter
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Idempotent {}
