package io.commandcenter.control;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * The control pipeline's settings. How relays are reached is not decided here: control is handed the one
 * {@link io.commandcenter.device.DeviceSwitch} the vendor folder provides.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ControlProperties.class)
class ControlConfiguration {
}
