package io.commandcenter.web;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Features that record who changed something read the {@code X-Requested-By} header (preferences, decision
 * tables). A caller must not be able to name someone else there: after sign-in, this filter replaces the header
 * with the signed-in user's name. It runs after Spring Security's filters (lowest precedence).
 */
@Component
class ActorHeaderFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Requested-By";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String actor = SignedInUser.name();
        if (SignedInUser.SYSTEM.equals(actor)) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return HEADER.equalsIgnoreCase(name) ? actor : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return HEADER.equalsIgnoreCase(name) ? Collections.enumeration(java.util.List.of(actor))
                        : super.getHeaders(name);
            }

            @Override
            public Enumeration<String> getHeaderNames() {
                var names = Collections.list(super.getHeaderNames());
                if (names.stream().noneMatch(HEADER::equalsIgnoreCase)) {
                    names.add(HEADER);
                }
                return Collections.enumeration(names);
            }
        }, response);
    }
}
