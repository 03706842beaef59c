package dev.tenantcore.query.live;

import org.springframework.web.socket.CloseStatus;

/** Why the server closes a live event socket: the codes the README documents. */
final class CloseCodes {

    /** The access token the socket was opened with has expired: get a new one (or a ticket) and reconnect. */
    static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4401, "token_expired");
    /** The session was ended: signed out, revoked, the user suspended, deactivated or given another role. */
    static final CloseStatus SESSION_REVOKED = new CloseStatus(4403, "session_revoked");
    /** The client did not read its frames fast enough and its send buffer filled. */
    static final CloseStatus TOO_SLOW = new CloseStatus(4408, "too_slow");
    /** A resume missed more events than a socket replays: reload through the REST API, subscribe without after. */
    static final CloseStatus RESUME_TOO_FAR = new CloseStatus(4409, "resume_too_far");
    /** The tenant was suspended or closed: its sockets close, and new ones are refused until it is active again. */
    static final CloseStatus TENANT_UNAVAILABLE = new CloseStatus(4410, "tenant_unavailable");
    /** A module the subscription's topics belong to was switched off for the tenant. */
    static final CloseStatus MODULE_DISABLED = new CloseStatus(4423, "module_disabled");
    /** The user already holds the most sockets allowed on this node. */
    static final CloseStatus TOO_MANY_CONNECTIONS = new CloseStatus(4429, "too_many_connections");
    /** This node is shutting down: reconnect (to another node) and resume with after. */
    static final CloseStatus GOING_AWAY = CloseStatus.GOING_AWAY;

    private CloseCodes() {}
}
