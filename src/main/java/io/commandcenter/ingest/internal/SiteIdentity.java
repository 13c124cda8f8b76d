package io.commandcenter.ingest.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The site the battery and inverter readings belong to ({@code commandcenter.site.id}, env
 * {@code COMMANDCENTER_SITE_ID}).
 */
@ConfigurationProperties("commandcenter.site")
public record SiteIdentity(@DefaultValue("home") String id) {
}
