/**
 * The platform's metrics: Micrometer meters fed by the events the features publish, exposed at
 * {@code /actuator/prometheus} for owners who run Prometheus and Grafana, and stored every minute into
 * {@code system.system_metrics} beside the reading counters. See docs/observability.md.
 */
package io.commandcenter.metrics;
