package io.commandcenter.web;

import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Which paths are deprecated aliases, read from the mappings themselves so there is no second list to keep: a
 * handler method mapped under {@code /api/v1} whose other paths are its aliases. Keyed by method, not path:
 * {@code GET /simulations} is both the dry runs' JSON list (an alias) and the simulations page (not one).
 */
@Component
class ApiAliases {

    private record Known(Set<Method> versioned, Set<String> aliasPatterns) {
    }

    // Read on first use: the handler mapping is built after the configurers that give it its interceptors.
    private final SingletonSupplier<Known> known;

    ApiAliases(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mapping) {
        this.known = SingletonSupplier.of(() -> read(mapping.getObject()));
    }

    private static Known read(RequestMappingHandlerMapping mapping) {
        Set<Method> versioned = new HashSet<>();
        Set<String> aliasPatterns = new HashSet<>();
        mapping.getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod handler) -> {
            Set<String> patterns = info.getPatternValues();
            if (patterns.stream().anyMatch(ApiAliases::versioned)) {
                versioned.add(handler.getMethod());
                patterns.stream().filter(p -> !versioned(p)).forEach(aliasPatterns::add);
            }
        });
        return new Known(Set.copyOf(versioned), Set.copyOf(aliasPatterns));
    }

    private static boolean versioned(String pattern) {
        return pattern.startsWith(ApiVersioning.V1 + "/");
    }

    /** The request reached a versioned handler through one of its unversioned paths. */
    boolean isAlias(HandlerMethod handler, String matchedPattern) {
        return !versioned(matchedPattern) && hasVersionedPath(handler.getMethod());
    }

    boolean hasVersionedPath(Method method) {
        return known.obtain().versioned().contains(method);
    }

    /** An unversioned path pattern ({@code /engine/tables/{name}}) of some versioned handler. */
    boolean isAliasPattern(String pattern) {
        return known.obtain().aliasPatterns().contains(pattern);
    }
}
