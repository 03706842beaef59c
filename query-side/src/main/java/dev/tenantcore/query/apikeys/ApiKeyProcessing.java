package dev.tenantcore.query.apikeys;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@value ApiKeyProjection#GROUP} processor is subscribing ({@code application.yml}) and lets
 * a handler's failure propagate: the command that appended the events then rolls back with it, so
 * a key is never created or revoked in the event store without its read model agreeing. (Axon's
 * default would only log the failure and leave a revoked key working.)
 */
@Configuration(proxyBeanMethods = false)
class ApiKeyProcessing {

    @Bean
    ConfigurerModule apiKeyProjectionFailsTheCommand() {
        return configurer -> configurer
                .eventProcessing()
                .registerListenerInvocationErrorHandler(
                        ApiKeyProjection.GROUP, c -> PropagatingErrorHandler.instance());
    }
}
