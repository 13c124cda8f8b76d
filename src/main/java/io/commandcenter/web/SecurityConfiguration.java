package io.commandcenter.web;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what. Browsers sign in with a form (session + CSRF token); API callers send HTTP Basic
 * or {@code Authorization: Bearer <token>} on every request (stateless). Only a request that actually signed in
 * with such a credential skips the CSRF check (the Basic and bearer filters run before it and mark the request,
 * see {@link #CREDENTIAL}); a mere {@code Authorization} header on a session request does not. A session ends as
 * soon as its user's password, role or enabled flag changes ({@link SessionStampFilter}); failed sign-ins are
 * throttled ({@link LoginThrottle}). Only health (status only, unless signed in), signed webhooks and signed
 * approval links are open.
 * Reads need any role; switching devices and engaging the emergency stop need an operator; everything
 * else that changes something (rules, settings, users, tokens, releasing the stop) needs an admin. A REST rule
 * covers the path under {@code /api/v1} and its deprecated unversioned alias ({@link #api}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    static final String REALM = "CommandCenter";

    /** Request attribute set when this request signed in with its own credential ("basic" or "bearer"). */
    static final String CREDENTIAL = SecurityConfiguration.class.getName() + ".CREDENTIAL";

    /** Paths anyone may call: they carry their own signature checks (webhooks, approval links). */
    static final String[] OPEN = {"/actuator/health", "/actuator/health/**", "/webhooks/**",
            "/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error"};

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ApiTokens tokens, UserRepository users,
                                            UserDetailsService userDetails, PasswordEncoder passwordEncoder,
                                            LoginThrottle throttle) throws Exception {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(userDetails);
        passwords.setPasswordEncoder(passwordEncoder);
        AuthenticationManager manager = new ProviderManager(new ThrottlingAuthenticationProvider(passwords, throttle));
        RequestMatcher signedInWithCredential = request -> request.getAttribute(CREDENTIAL) != null;
        http
            .authenticationManager(manager)
            .authorizeHttpRequests(auth -> auth
                .requestMatchers(OPEN).permitAll()
                .requestMatchers(SecurityConfiguration::signedApprovalLink).permitAll()
                .requestMatchers(HttpMethod.POST, api("/approvals/*/approve", "/approvals/*/reject")).hasRole("OPERATOR")
                // asking the agents only reads; their suggestions wait for an operator's approval
                .requestMatchers(HttpMethod.POST, api("/agents/chat")).hasRole("VIEWER")
                .requestMatchers(api("/api/users/**", "/api/tokens/**")).hasRole("ADMIN")
                .requestMatchers("/users/**", "/tokens/**").hasRole("ADMIN")
                // cloud accounts and the device registry: what the site polls and what may be switched
                .requestMatchers("/setup", "/setup/**").hasRole("ADMIN")
                .requestMatchers(HttpMethod.POST, api("/emergency-stop/release")).hasRole("ADMIN")
                .requestMatchers(HttpMethod.POST, "/stop/release").hasRole("ADMIN")
                // what the battery floor may shed is a registry change, like PUT /api/v1/devices/{name}
                .requestMatchers(HttpMethod.POST, "/hardware/devices/*/essential").hasRole("ADMIN")
                .requestMatchers(HttpMethod.POST, api("/emergency-stop",
                        "/shelly/device/*/on", "/shelly/device/*/off", "/shelly/actions/**", "/control/actions/*/retry",
                        "/simulations", "/simulations/**"))
                    .hasRole("OPERATOR")
                .requestMatchers(HttpMethod.POST, "/stop", "/hardware/**").hasRole("OPERATOR")
                // Switching the site mode (Storm prep, Away) is an operator's call; editing modes is an admin's.
                .requestMatchers(HttpMethod.POST, api("/site-modes/active")).hasRole("OPERATOR")
                .requestMatchers(HttpMethod.POST, "/settings/site-mode").hasRole("OPERATOR")
                // Feature flags: everyone signed in reads them; overriding one (or clearing the override) is an admin's.
                .requestMatchers(HttpMethod.GET, api("/features", "/features/**")).hasRole("VIEWER")
                .requestMatchers(api("/features/**")).hasRole("ADMIN")
                // Cancelling a running workflow stops automation acting, like a STOP; starting one is an admin's.
                .requestMatchers(HttpMethod.POST, api("/workflows/runs/*/cancel")).hasRole("OPERATOR")
                .requestMatchers(HttpMethod.POST, "/automation/workflows/runs/*/cancel").hasRole("OPERATOR")
                // Locking a device for maintenance is an operator's safety act, like a STOP.
                .requestMatchers(HttpMethod.PUT, api("/engine/locks/*")).hasRole("OPERATOR")
                .requestMatchers(HttpMethod.DELETE, api("/engine/locks/*")).hasRole("OPERATOR")
                .requestMatchers(HttpMethod.GET, "/**").hasRole("VIEWER")
                .requestMatchers(HttpMethod.HEAD, "/**").hasRole("VIEWER")
                .anyRequest().hasRole("ADMIN"))
            .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/power")
                    .failureHandler(SecurityConfiguration::signInFailed).permitAll())
            .logout(logout -> logout.logoutSuccessUrl("/login?signedOut"))
            // Credentials are checked before the CSRF filter, so it can tell who really signed in with one.
            .addFilterBefore(new BearerTokenFilter(tokens), CsrfFilter.class)
            .addFilterAfter(new CredentialBasicAuthenticationFilter(manager), BearerTokenFilter.class)
            .addFilterAfter(new SessionStampFilter(users), CredentialBasicAuthenticationFilter.class)
            .csrf(csrf -> csrf.ignoringRequestMatchers(signedInWithCredential)
                    .ignoringRequestMatchers("/webhooks/**")
                    .ignoringRequestMatchers(SecurityConfiguration::signedApprovalLink))
            // same-origin frames only: the simulations page shows a run's HTML report in a frame
            .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
            .exceptionHandling(ex -> ex.authenticationEntryPoint(entryPoint()));
        return http.build();
    }

    /**
     * REST paths by their unversioned names, each with its {@code /api/v1} twin ({@link ApiVersioning#successor}):
     * an alias and its versioned path reach the same handler, so they are authorized alike. Pages and form posts
     * ({@code /stop}, {@code /hardware/**}) have no twin and are named apart.
     */
    private static String[] api(String... paths) {
        return Stream.of(paths).flatMap(p -> Stream.of(p, ApiVersioning.successor(p))).toArray(String[]::new);
    }

    /**
     * An approve or reject link from an email: it carries its own HMAC signature and expiry, which the
     * approval feature checks, so it works without signing in. Without {@code sig} the same paths are
     * the signed-in operator's API.
     */
    static boolean signedApprovalLink(jakarta.servlet.http.HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return request.getParameter("sig") != null && path.matches("/approvals/[^/]+/(approve|reject)");
    }

    /** HTTP Basic that marks the request when (and only when) it really checked a user name and password. */
    static final class CredentialBasicAuthenticationFilter extends BasicAuthenticationFilter {

        CredentialBasicAuthenticationFilter(AuthenticationManager manager) {
            super(manager, SecurityConfiguration::basicRefused);
        }

        @Override
        protected void onSuccessfulAuthentication(HttpServletRequest request, HttpServletResponse response,
                                                  Authentication authResult) throws IOException {
            request.setAttribute(CREDENTIAL, "basic");
        }
    }

    /** A refused HTTP Basic sign-in: 429 with Retry-After while throttled, otherwise 401. */
    static void basicRefused(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof SignInThrottledException throttled) {
            response.setStatus(429);
            response.setHeader("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write("""
                    {"type":"%stoo-many-sign-in-failures","title":"Too Many Requests","status":429,\
                    "detail":"Too many failed sign-ins for this user or address; try again in %d s"}"""
                    .formatted(ApiExceptionHandler.TYPE_BASE, throttled.retryAfterSeconds()));
        } else {
            apiUnauthorized(request, response, e);
        }
    }

    /** A refused form sign-in goes back to the form, which says why. */
    private static void signInFailed(HttpServletRequest request, HttpServletResponse response,
                                     AuthenticationException e) throws IOException {
        String reason = e instanceof SignInThrottledException throttled
                ? "throttled=" + throttled.retryAfterSeconds() : "error";
        response.sendRedirect(request.getContextPath() + "/login?" + reason);
    }

    /** Browsers go to the sign-in page; htmx is told to redirect there; API callers get a 401 problem. */
    private static AuthenticationEntryPoint entryPoint() {
        LoginUrlAuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");
        return (request, response, e) -> {
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", "/login");
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            } else if (wantsHtml(request)) {
                login.commence(request, response, e);
            } else {
                apiUnauthorized(request, response, e);
            }
        };
    }

    private static boolean wantsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        if (accept == null) {
            return false;
        }
        List<MediaType> types = MediaType.parseMediaTypes(accept);
        return types.stream().anyMatch(t -> t.isCompatibleWith(MediaType.TEXT_HTML) && !t.isWildcardType());
    }

    static void apiUnauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("""
                {"type":"%sunauthorized","title":"Unauthorized","status":401,\
                "detail":"Sign in with HTTP Basic or an API token (Authorization: Bearer ...)"}"""
                .formatted(ApiExceptionHandler.TYPE_BASE));
    }

    @Bean
    RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Role.ADMIN.name()).implies(Role.OPERATOR.name())
                .role(Role.OPERATOR.name()).implies(Role.VIEWER.name())
                .build();
    }

    /** BCrypt by default; the {id} prefix lets the algorithm change later without a migration. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService userDetailsService(UserRepository users) {
        return username -> users.findByUsername(username).<UserDetails>map(StampedUser::new)
                .orElseThrow(() -> new UsernameNotFoundException(username));
    }
}
