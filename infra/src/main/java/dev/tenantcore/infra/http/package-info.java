/**
 * Outbound HTTP: {@link dev.tenantcore.infra.http.OutboundHttp} is the one client factory every
 * call out of the service uses, with the address guard of {@link
 * dev.tenantcore.infra.http.PublicAddresses}, timeouts and a response cap.
 */
package dev.tenantcore.infra.http;
