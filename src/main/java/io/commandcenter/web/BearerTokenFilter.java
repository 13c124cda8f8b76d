package io.commandcenter.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs in a request carrying {@code Authorization: Bearer <token>} as {@code token:<name>} with the token's
 * role, for this request only. An unknown or revoked token is refused outright rather than treated as anonymous.
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
                    new BadCredentialsException("Unknown or revoked API token"));
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("token:" + token.get().name(),
                null, List.of(new SimpleGrantedAuthority(token.get().role().authority()))));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }
}
