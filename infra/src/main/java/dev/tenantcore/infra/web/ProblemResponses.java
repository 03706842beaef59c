package dev.tenantcore.infra.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Problem statuses a handler answers beyond those its route implies (a read that refuses with
 * {@code 409}, a handler that depends on a payment provider with {@code 502}): its operation
 * documents each, with the codes {@link ErrorStatus} maps to it.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ProblemResponses {

    int[] value();
}
