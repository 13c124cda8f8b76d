package io.commandcenter.engine;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param dir       the policy DRL folder, relative to the working directory; the packaged copy is used when missing
 * @param probation how long a newly installed version is watched: if the engine fails firing it meanwhile, the
 *                  previous version takes over at once (0 = not watched)
 * @param cacheDir  where compiled rule sets are kept, so a start with unchanged rules loads them instead of
 *                  compiling for seconds; safe to delete (default {@code ~/.commandcenter/cache/rules})
 */
@ConfigurationProperties("commandcenter.rules")
@Validated
record RulesProperties(@DefaultValue("rules") @NotNull Path dir,
                       @DefaultValue("10m") @DurationMin Duration probation, Path cacheDir) {

    RulesProperties {
        if (cacheDir == null) {
            cacheDir = Path.of(System.getProperty("user.home"), ".commandcenter", "cache", "rules");
        }
    }
}
