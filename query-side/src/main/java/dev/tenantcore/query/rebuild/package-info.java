/**
 * Projection rebuilds, for platform operators: one tenant's rows of one projection, replayed from
 * that tenant's events while every other tenant (and the live processor) keeps going, or a whole
 * projection through its processor's reset and replay; progress and rate in {@code
 * projection_rebuilds}. Events go through the projection's own {@code @EventHandler}s, never a
 * second model of them. Because a projection can be rebuilt from the events, its processor also
 * commits without waiting for the disk ({@code ProjectionCommits}).
 */
package dev.tenantcore.query.rebuild;
