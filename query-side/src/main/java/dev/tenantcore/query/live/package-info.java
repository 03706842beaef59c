/**
 * Live events for frontends: the tenant's published events ({@link
 * dev.tenantcore.api.automations.PublicEvent}) pushed over a WebSocket of plain JSON frames at
 * {@code /api/v1/live}, to staff by topic and to a customer for their own orders and payments.
 *
 * <p>It lives on the query side because it is a read: it answers from the event stream and the
 * tenant's stored history, changes nothing, and finds a customer's orders and payments in the read
 * tables. Each node runs its own tracking processor ({@link LiveHub}) from the head of the event
 * store with an in-memory token, so every node sees every event, whichever node stored it, and
 * delivers it to its own sockets; a client that reconnects names the last position it saw and is
 * sent what it missed from the stored history before the live events. The README's "Live events"
 * section documents the protocol.
 */
package dev.tenantcore.query.live;
