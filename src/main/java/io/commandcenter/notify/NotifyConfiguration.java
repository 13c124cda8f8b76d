package io.commandcenter.notify;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({NotifyProperties.class, TwilioProperties.class})
class NotifyConfiguration {
}
