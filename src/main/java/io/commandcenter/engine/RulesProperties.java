package io.commandcenter.engine;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param dir the policy DRL folder, relative to the working directory; the packaged copy is used when missing */
@ConfigurationProperties("commandcenter.rules")
record RulesProperties(@DefaultValue("rules") Path dir) {
}
