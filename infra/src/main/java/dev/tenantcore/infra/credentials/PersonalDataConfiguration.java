package dev.tenantcore.infra.credentials;

import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's event serializer (events and snapshots in the event store, dead letters): the general
 * Jackson serializer with {@link dev.tenantcore.api.common.PersonalData} fields encrypted per data
 * subject. Declaring it under Axon's qualifier replaces the one its auto-configuration would make.
 */
@Configuration(proxyBeanMethods = false)
class PersonalDataConfiguration {

    @Bean
    @Qualifier("eventSerializer")
    PersonalDataSerializer eventSerializer(Serializer serializer, SubjectKeys keys) {
        return new PersonalDataSerializer(serializer, keys);
    }
}
