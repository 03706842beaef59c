package dev.tenantcore.infra.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a parameter type through which a handler honours {@code If-Match}. Every operation whose
 * handler takes such a parameter documents the header and its {@code 412}, including those that
 * are no {@link CommandEndpoint} (a delete answering {@code 204}).
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ConditionalRequest {}
