package io.commandcenter.engine;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param dir       the policy DRL folder, relative to the working directory; the packaged copy is used when missing
 * @param probation how long a newly installed version is watched: if the engine fails firing it meanwhile, the
 *                  previous version takes over at once (0 = not watched)
 */
@ConfigurationProperties("commandcenter.rules")
record RulesProperties(@DefaultValue("rules") Path dir, @DefaultValue("10m") Duration probation) {
}
