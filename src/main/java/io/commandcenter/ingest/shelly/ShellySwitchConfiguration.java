package io.commandcenter.ingest.shelly;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.NotNull;

import io.commandcenter.device.DeviceSwitch;
import io.commandcenter.device.FallbackDeviceSwitch;
import io.commandcenter.ingest.StandInClouds;
import io.commandcenter.ingest.shelly.local.ShellyLocalSwitch;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.annotation.Validated;

/**
 * How relays are switched, the one {@link DeviceSwitch} control uses: the Shelly Cloud, with the Gen2 local RPC as
 * fallback for devices that have a LAN address ({@code commandcenter.control.local-urls.<cloud id>}); on the stand-in
 * clouds (the embedded simulator) every device has one.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ShellySwitchConfiguration.SwitchSettings.class)
class ShellySwitchConfiguration {

    /**
     * Kept under {@code commandcenter.control}, where a site owner looks for how devices are switched.
     *
     * @param localUrls     LAN address of each device by cloud id
     * @param localPassword the devices' password for local RPC (Digest authentication), when they have one
     *                      (env COMMANDCENTER_CONTROL_LOCAL_PASSWORD)
     * @param rateLimitWait how long a relay call may wait out Shelly Cloud 429 answers before failing
     * @param localTimeout  how long a call to a relay's local RPC may take: a LAN answers in milliseconds, so a dead
     *                      address should cost little before the cloud is asked
     */
    @ConfigurationProperties("commandcenter.control")
    @Validated
    record SwitchSettings(Map<String, URI> localUrls, String localPassword,
                          @DefaultValue("30s") @NotNull @DurationMin Duration rateLimitWait,
                          @DefaultValue("1s") @NotNull @DurationMin(inclusive = false) Duration localTimeout) {
        SwitchSettings {
            localUrls = localUrls == null ? Map.of() : Map.copyOf(localUrls);
        }
    }

    @Bean
    DeviceSwitch deviceSwitch(ShellyCloudClient cloud, SwitchSettings settings,
                              ObjectProvider<StandInClouds> standIn) {
        StandInClouds embedded = standIn.getIfAvailable();
        DeviceSwitch primary = new ShellyCloudSwitch(cloud, settings.rateLimitWait(), embedded != null);
        if (settings.localUrls().isEmpty() && embedded == null) {
            return primary;
        }
        ShellyLocalSwitch fallback = new ShellyLocalSwitch(device -> {
            URI url = settings.localUrls().get(device.cloudId());
            if (url != null) return url;
            if (embedded != null) return URI.create(embedded.shellyLocal() + "/" + device.cloudId());
            throw new DeviceSwitch.SwitchException("No LAN address configured for " + device.name());
        }, device -> settings.localPassword(), settings.localTimeout());
        return new FallbackDeviceSwitch(primary, fallback,
                device -> embedded != null || settings.localUrls().containsKey(device.cloudId()));
    }
}
