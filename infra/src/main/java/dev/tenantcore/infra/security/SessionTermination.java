package dev.tenantcore.infra.security;

import dev.tenantcore.api.identity.PasswordResetCompletedEvent;
import dev.tenantcore.api.identity.UserDeactivatedEvent;
import dev.tenantcore.api.identity.UserDeletedEvent;
import dev.tenantcore.api.identity.UserRoleChangedEvent;
import dev.tenantcore.api.identity.UserSuspendedEvent;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * Ends every session of a user whose access must change at once: deactivated, suspended, deleted, given
 * another role (the old role is written in their tokens) or with a password reset (whoever knew
 * the old password is out).
 *
 * <p>The handler runs in a subscribing processor, that is inside the unit of work and database
 * transaction that stores the event: the account change and the revocation commit together, and
 * the user's next request is refused. A failure here fails the command rather than leaving the
 * sessions open.
 */
@Component
@ProcessingGroup(SessionTermination.PROCESSING_GROUP)
class SessionTermination {

    static final String PROCESSING_GROUP = "session-termination";

    private final UserSessions sessions;

    SessionTermination(UserSessions sessions) {
        this.sessions = sessions;
    }

    @EventHandler
    void on(UserDeactivatedEvent event) {
        sessions.endAll(event.userId(), "account_deactivated");
    }

    @EventHandler
    void on(UserSuspendedEvent event) {
        sessions.endAll(event.userId(), "account_suspended");
    }

    @EventHandler
    void on(UserDeletedEvent event) {
        sessions.endAll(event.userId(), "account_deleted");
    }

    @EventHandler
    void on(UserRoleChangedEvent event) {
        sessions.endAll(event.userId(), "role_changed");
    }

    @EventHandler
    void on(PasswordResetCompletedEvent event) {
        sessions.endAll(event.userId(), "password_reset");
    }

    /** Declared in code, not in application.yml: as a tracking processor it would revoke too late. */
    @Configuration(proxyBeanMethods = false)
    static class ProcessorConfiguration {

        @Autowired
        void subscribeInTheCommandTransaction(EventProcessingConfigurer processing) {
            processing
                    .registerSubscribingEventProcessor(PROCESSING_GROUP)
                    .registerListenerInvocationErrorHandler(
                            PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
        }
    }
}
