package io.commandcenter.ingest.solark;

import java.time.Clock;

import io.commandcenter.ingest.StandInClouds;
import io.commandcenter.ingest.internal.AccountPoller;
import io.commandcenter.ingest.internal.SiteIdentity;
import io.commandcenter.timeseries.ReadingWriter;
import io.commandcenter.timeseries.TimeseriesQueries;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * SolArk from the environment's login, else from the account saved on the setup page, else the embedded simulator,
 * else off.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SolArkProperties.class)
class SolArkConfiguration {

    @Bean
    SolArkAccounts solArkAccounts(SolArkProperties properties, ObjectProvider<StandInClouds> standIn,
                                  ReadingWriter writer, TimeseriesQueries queries, SiteIdentity site, Clock clock) {
        return new SolArkAccounts(properties, standIn.getIfAvailable(), writer, queries, site.id(), clock);
    }

    @Bean
    AccountPoller<SolArkPoller> solArkPoller(SolArkAccounts accounts) {
        return accounts.poller();
    }
}
