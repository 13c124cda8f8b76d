package io.commandcenter.ingest.victron;

import java.time.Clock;

import io.commandcenter.ingest.StandInClouds;
import io.commandcenter.ingest.internal.AccountPoller;
import io.commandcenter.ingest.internal.SiteIdentity;
import io.commandcenter.timeseries.ReadingWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * VRM from the environment's access token or login, else from the account saved on the setup page, else the embedded
 * simulator, else off.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VictronProperties.class)
class VictronConfiguration {

    @Bean
    VictronAccounts victronAccounts(VictronProperties properties, ObjectProvider<StandInClouds> standIn,
                                    ReadingWriter writer, SiteIdentity site, Clock clock) {
        return new VictronAccounts(properties, standIn.getIfAvailable(), writer, site.id(), clock);
    }

    @Bean
    AccountPoller<VictronPoller> victronPoller(VictronAccounts accounts) {
        return accounts.poller();
    }
}
