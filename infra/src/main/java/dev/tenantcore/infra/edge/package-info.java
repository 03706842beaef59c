/**
 * The edge of the API towards browsers and clients: rate limits whose counters every node shares
 * in PostgreSQL, and the CORS policy that admits exactly the tenants' active domains.
 */
package dev.tenantcore.infra.edge;
