package io.commandcenter.engine;

import java.time.ZoneId;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rules engine settings.
 *
 * @param site  the site devices and manual requests belong to (readings carry their own site)
 * @param zone  the site's time zone, for quiet hours, solar priority hours and table times
 * @param clock REALTIME in production; PSEUDO makes time follow the readings (dry runs)
 * @param remember keep what the engine remembers (holds, last commands, cooldowns, the low-battery
 *                 alarm) in PostgreSQL and restore it on start, so a restart forgets none of it
 */
@ConfigurationProperties("commandcenter.engine")
@Validated
record EngineProperties(@DefaultValue("home") @NotBlank String site, @DefaultValue("UTC") @NotNull ZoneId zone,
                        @DefaultValue("REALTIME") @NotNull EngineSession.ClockMode clock,
                        @DefaultValue("true") boolean remember) {
}
