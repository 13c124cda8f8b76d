package io.commandcenter.web;

import java.io.IOException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs in a request carrying {@code Authorization: Bearer <token>} as {@code token:<name>}, for this request
 * only, with the lower of the token's role and its owner's current role. An unknown, revoked or expired token, or
 * one whose owner is disabled or gone, is refused outright rather than treated as anonymous. A request signed in
 * here is marked as carrying its own credential (no CSRF token needed, see {@link SecurityConfiguration}).
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiTokens tokens;

    BearerTokenFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        var token = tokens.authenticate(header.substring(BEARER.length()).trim());
        if (token.isEmpty()) {
            SecurityContextHolder.clearContext();
            SecurityConfiguration.apiUnauthorized(request, response,
                    new BadCredentialsException("Unknown, revoked or expired API token"));
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ApiTokenAuthentication(token.get()));
        SecurityContextHolder.setContext(context);
        request.setAttribute(SecurityConfiguration.CREDENTIAL, "bearer");
        chain.doFilter(request, response);
    }
}
