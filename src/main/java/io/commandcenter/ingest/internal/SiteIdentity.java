package io.commandcenter.ingest.internal;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The site the battery and inverter readings belong to ({@code commandcenter.site.id}, env
 * {@code COMMANDCENTER_SITE_ID}).
 */
@ConfigurationProperties("commandcenter.site")
@Validated
public record SiteIdentity(@DefaultValue("home") @NotBlank String id) {
}
