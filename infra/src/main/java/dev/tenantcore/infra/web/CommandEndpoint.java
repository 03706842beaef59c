package dev.tenantcore.infra.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method that sends a command and answers the way every command endpoint does:
 * the aggregate's new version as {@code ETag}; {@code If-Match} (for an existing aggregate) turns a
 * stale version into {@code 412}; the body is {@link dev.tenantcore.api.common.CommandAccepted}, or
 * with {@code Prefer: return=representation} the resource as its GET returns it, once the read
 * model has caught up. The API document describes these endpoints from this annotation, so the
 * description can never drift from the code.
 *
 * <p>On a controller it marks every handler method of that controller, so a controller whose
 * endpoints all answer with one representation says so once; a method's own annotation (a create,
 * or another representation) takes precedence.
 */
@Documented
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface CommandEndpoint {

    /** What the resource looks like when the caller asks for it with {@code Prefer: return=representation}. */
    Class<?> representation();

    /** True for an endpoint that creates the resource: {@code 201} with {@code Location}; else {@code 200}. */
    boolean creates() default false;
}
