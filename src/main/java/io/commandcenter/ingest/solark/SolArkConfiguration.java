package io.commandcenter.ingest.solark;

import java.time.Clock;

import io.commandcenter.ingest.internal.AccountPoller;
import io.commandcenter.ingest.internal.SiteIdentity;
import io.commandcenter.simulation.EmbeddedSimulator;
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
    SolArkAccounts solArkAccounts(SolArkProperties properties, ObjectProvider<EmbeddedSimulator> simulator,
                                  ReadingWriter writer, TimeseriesQueries queries, SiteIdentity site, Clock clock) {
        return new SolArkAccounts(properties, simulator.getIfAvailable(), writer, queries, site.id(), clock);
    }

    @Bean
    AccountPoller<SolArkPoller> solArkPoller(SolArkAccounts accounts) {
        return accounts.poller();
    }
}
