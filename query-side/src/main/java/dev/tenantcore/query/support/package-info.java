/**
 * Plumbing shared by the read models of every bounded context: opaque page cursors, page sizes,
 * SQL value conversions and the bridge from Axon's query futures to REST responses. Holds no
 * domain knowledge; the contexts never talk to each other through it.
 */
package dev.tenantcore.query.support;
