package io.commandcenter.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a browser session as soon as its user's access changed: on every request signed in from a session, the
 * user's current security stamp is read from the database; when the user is gone, disabled, or the stamp moved
 * on (password, role or enabled changed), the session is invalidated and the request goes on anonymous, so it
 * is refused (401 / sign-in page). The stamp is in the database, so this holds across nodes.
 */
class SessionStampFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(SessionStampFilter.class);

    private final UserRepository users;

    SessionStampFilter(UserRepository users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)
                && request.getAttribute(SecurityConfiguration.CREDENTIAL) == null && !current(auth)) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            SecurityContextHolder.clearContext();
            log.info("Ended a session of '{}': the user's access changed", auth.getName());
        }
        chain.doFilter(request, response);
    }

    /** Whether a session's sign-in still stands; sessions from before stamps existed do not. */
    private boolean current(Authentication auth) {
        if (!(auth.getPrincipal() instanceof StampedUser user)) {
            return false;
        }
        return users.findByUsername(user.getUsername())
                .filter(c -> c.account().enabled() && c.stamp() == user.stamp())
                .isPresent();
    }
}
