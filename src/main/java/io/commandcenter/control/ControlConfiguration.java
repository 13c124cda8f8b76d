package io.commandcenter.control;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.commandcenter.control.shellycloud.ShellyCloudSwitch;
import io.commandcenter.control.shellylocal.ShellyLocalSwitch;
import io.commandcenter.ingest.shelly.ShellyCloudClient;
import io.commandcenter.simulation.EmbeddedSimulator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.annotation.Validated;

/**
 * Chooses how relays are switched: the Shelly Cloud, with the Gen2 local RPC as fallback for
 * devices that have a LAN address ({@code commandcenter.control.local-urls.<cloud id>}); on the
 * embedded simulator every device has one.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ControlProperties.class, ControlConfiguration.LocalUrls.class})
class ControlConfiguration {

    /**
     * @param localUrls     LAN address of each device by cloud id
     * @param localPassword the devices' password for local RPC (Digest authentication), when they have one
     *                      (env COMMANDCENTER_CONTROL_LOCAL_PASSWORD)
     */
    @ConfigurationProperties("commandcenter.control")
    @Validated
    record LocalUrls(Map<String, URI> localUrls, String localPassword) {
        LocalUrls {
            localUrls = localUrls == null ? Map.of() : Map.copyOf(localUrls);
        }
    }

    @Bean
    DeviceSwitch deviceSwitch(ShellyCloudClient cloud, LocalUrls local, ObjectProvider<EmbeddedSimulator> simulator,
                              ControlProperties settings) {
        DeviceSwitch primary = new ShellyCloudSwitch(cloud, settings.rateLimitWait());
        EmbeddedSimulator embedded = simulator.getIfAvailable();
        if (local.localUrls().isEmpty() && embedded == null) {
            return primary;
        }
        Duration timeout = settings.localTimeout();
        ShellyLocalSwitch fallback = new ShellyLocalSwitch(device -> {
            URI url = local.localUrls().get(device.cloudId());
            if (url != null) return url;
            if (embedded != null) return URI.create(embedded.baseUri() + "/shelly-local/" + device.cloudId());
            throw new DeviceSwitch.SwitchException("No LAN address configured for " + device.name());
        }, device -> local.localPassword(), timeout);
        return new FallbackDeviceSwitch(primary, fallback,
                device -> embedded != null || local.localUrls().containsKey(device.cloudId()));
    }
}
