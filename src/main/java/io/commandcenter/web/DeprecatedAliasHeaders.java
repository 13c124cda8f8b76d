package io.commandcenter.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Tells a caller on a deprecated alias that it is one, when to move and where to: {@code Deprecation},
 * {@code Sunset} and {@code Link: </api/v1/...>; rel="successor-version"}. Set before the handler runs, so error
 * answers carry them too. Only a request that reached a handler gets them: a 401 or 403 from the security filters
 * comes before any handler is chosen.
 */
class DeprecatedAliasHeaders implements HandlerInterceptor {

    private final ApiAliases aliases;

    DeprecatedAliasHeaders(ApiAliases aliases) {
        this.aliases = aliases;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method
                && request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern
                && aliases.isAlias(method, pattern)) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            response.setHeader("Deprecation", ApiVersioning.DEPRECATION);
            response.setHeader("Sunset", ApiVersioning.SUNSET);
            response.addHeader(HttpHeaders.LINK, "<" + request.getContextPath() + ApiVersioning.successor(path)
                    + ">; rel=\"successor-version\"");
        }
        return true;
    }
}
