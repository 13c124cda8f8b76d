package io.commandcenter.ingest.shelly;

import java.time.Clock;

import io.commandcenter.device.DeviceDiscovery;
import io.commandcenter.device.DevicePresence;
import io.commandcenter.device.DeviceRegistry;
import io.commandcenter.device.DeviceService;
import io.commandcenter.ingest.StandInClouds;
import io.commandcenter.ingest.internal.AccountPoller;
import io.commandcenter.timeseries.ReadingWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Shelly Cloud from the environment's server and key, else from the account saved on the setup page, else the
 * embedded simulator, else a client that refuses every call (so features that switch relays still start). Polling,
 * discovery and switching share one client, so an account saved on the setup page moves all three.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ShellyProperties.class)
class ShellyConfiguration {

    @Bean
    ShellyAccounts shellyAccounts(ShellyProperties properties, ObjectProvider<StandInClouds> standIn,
                                  DeviceRegistry registry, DevicePresence presence, ReadingWriter writer,
                                  ObjectProvider<DeviceService> devices, Clock clock) {
        return new ShellyAccounts(properties, standIn.getIfAvailable(), registry, presence, writer, devices, clock);
    }

    @Bean
    ShellyCloudClient shellyCloudClient(ShellyAccounts accounts) {
        return accounts.client();
    }

    @Bean
    AccountPoller<ShellyPoller> shellyPoller(ShellyAccounts accounts) {
        return accounts.poller();
    }

    @Bean
    DeviceDiscovery shellyDiscovery(ShellyCloudClient client) {
        return new ShellyDiscovery(client);
    }
}
