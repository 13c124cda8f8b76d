package io.commandcenter.ingest;

import io.commandcenter.ingest.internal.SecretBox;
import io.commandcenter.ingest.internal.SiteIdentity;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({IngestProperties.class, SiteIdentity.class, SecretBox.Settings.class})
class IngestConfiguration {
}
