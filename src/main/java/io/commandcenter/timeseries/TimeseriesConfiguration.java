package io.commandcenter.timeseries;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the storage parts; the benchmark builds the same parts by hand without Spring. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TimeseriesProperties.class)
class TimeseriesConfiguration {

    @Bean
    Partitions timeseriesPartitions(JdbcClient jdbc, PlatformTransactionManager transactions) {
        return new Partitions(jdbc, new TransactionTemplate(transactions));
    }

    @Bean
    ReadingCounters readingCounters() {
        return new ReadingCounters();
    }

    @Bean
    CopyReadingWriter readingWriter(DataSource dataSource, PlatformTransactionManager transactions,
                                    Partitions partitions, ReadingCounters counters, ApplicationEventPublisher events,
                                    Clock clock, TimeseriesProperties properties) {
        return new CopyReadingWriter(dataSource, new TransactionTemplate(transactions), partitions, counters, events,
                clock, properties);
    }

    @Bean
    Aggregator timeseriesAggregator(JdbcClient jdbc, TimeseriesProperties properties) {
        return new Aggregator(jdbc, properties);
    }

    @Bean
    TimeseriesMaintenance timeseriesMaintenance(JdbcClient jdbc, Partitions partitions, Aggregator aggregator,
                                                ReadingCounters counters, Clock clock,
                                                TimeseriesProperties properties) {
        return new TimeseriesMaintenance(jdbc, partitions, aggregator, counters, clock, properties);
    }

    @Bean
    TimeseriesQueries timeseriesQueries(JdbcClient jdbc, Clock clock, TimeseriesProperties properties) {
        return new TimeseriesQueries(new TimeseriesRepository(jdbc), clock, properties);
    }
}
