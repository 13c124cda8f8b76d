package io.commandcenter.simulation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import org.hibernate.validator.constraints.Range;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The embedded simulator.
 *
 * @param enabled  run it; when unset it runs only if no real cloud account is configured (the first run)
 * @param port     port on 127.0.0.1; 0 picks a free one
 * @param scenario scenario file: a filesystem path if it exists, otherwise a classpath resource
 * @param speed    simulated seconds per wall second (60 = a simulated minute each second)
 */
@ConfigurationProperties("commandcenter.simulator")
@Validated
record SimulatorProperties(Boolean enabled, @DefaultValue("0") @Range(min = 0, max = 65535) int port,
                           @DefaultValue("simulation/scenarios/summer-week.yaml") @NotBlank String scenario,
                           // 0 stands the simulated clock still
                           @DefaultValue("60") @PositiveOrZero double speed) {
}
