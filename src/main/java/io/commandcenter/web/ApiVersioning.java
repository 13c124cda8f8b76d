package io.commandcenter.web;

import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The REST API answers under {@code /api/v1}. The paths it had before it was versioned ({@code /engine/rules},
 * {@code /api/users}, ...) stay as deprecated aliases until {@link #SUNSET}: each mapping lists both paths
 * ({@code @RequestMapping({"/engine", "/api/v1/engine"})}), so a controller shows every URL it answers and both
 * reach the same handler with the same errors. A prefix added by {@code PathMatchConfigurer.addPathPrefix} would
 * drop the old paths, and a filter rewriting them would hide from the controllers what they serve.
 * An answer on an alias carries {@code Deprecation}, {@code Sunset} and a {@code successor-version} link
 * ({@link DeprecatedAliasHeaders}); the security rules name each REST path with its twin
 * ({@link SecurityConfiguration}); the OpenAPI description has a {@code v1} and a {@code deprecated} group.
 */
@Configuration(proxyBeanMethods = false)
class ApiVersioning implements WebMvcConfigurer {

    static final String V1 = "/api/v1";

    /**
     * RFC 9745 form, the date the aliases were deprecated: 2026-12-04T00:00:00Z as seconds since the epoch. The RFC
     * dropped the drafts' {@code Deprecation: true}; a date tells clients how long they have known.
     */
    static final String DEPRECATION = "@1796342400";

    /** RFC 8594, an HTTP-date one year after {@link #DEPRECATION}: the aliases may be removed from then on. */
    static final String SUNSET = "Sat, 04 Dec 2027 00:00:00 GMT";

    private final ApiAliases aliases;

    ApiVersioning(ApiAliases aliases) {
        this.aliases = aliases;
    }

    /**
     * The versioned path of an unversioned one: {@code /engine/rules} → {@code /api/v1/engine/rules}; the accounts
     * API, which was already under {@code /api}, keeps its name: {@code /api/users} → {@code /api/v1/users}.
     * Works on path patterns too ({@code /engine/locks/*}).
     */
    static String successor(String path) {
        return path.startsWith("/api/") ? V1 + path.substring("/api".length()) : V1 + path;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new DeprecatedAliasHeaders(aliases));
    }

    @Bean
    GroupedOpenApi v1Api() {
        return GroupedOpenApi.builder().group("v1").displayName("v1").pathsToMatch(V1 + "/**").build();
    }

    /** The aliases only: methods that also answer under /api/v1, without their /api/v1 paths. */
    @Bean
    GroupedOpenApi deprecatedApi() {
        return GroupedOpenApi.builder().group("deprecated").displayName("deprecated (unversioned aliases)")
                .pathsToExclude(V1 + "/**").addOpenApiMethodFilter(aliases::hasVersionedPath).build();
    }

    /** In every document an alias's operations say they are deprecated. */
    @Bean
    GlobalOpenApiCustomizer markAliasesDeprecated() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                if (aliases.isAliasPattern(path)) {
                    item.readOperations().forEach(operation -> operation.setDeprecated(true));
                }
            });
        };
    }
}
