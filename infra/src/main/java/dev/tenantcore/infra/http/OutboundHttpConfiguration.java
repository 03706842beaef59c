package dev.tenantcore.infra.http;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboundHttpProperties.class)
class OutboundHttpConfiguration {}
