package io.commandcenter.engine;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({EngineProperties.class, RulesProperties.class, PreferencesProperties.class})
class EngineConfiguration {
}
