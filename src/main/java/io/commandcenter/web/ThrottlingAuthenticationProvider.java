package io.commandcenter.web;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks user name and password (form sign-in and HTTP Basic both come here), asking {@link LoginThrottle}
 * first: a throttled user name or address is refused before the password is looked at.
 */
class ThrottlingAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final LoginThrottle throttle;

    ThrottlingAuthenticationProvider(AuthenticationProvider passwords, LoginThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        var refused = throttle.refusedFor(username, address);
        if (refused.isPresent()) {
            throw new SignInThrottledException(refused.get());
        }
        try {
            Authentication result = passwords.authenticate(authentication);
            throttle.succeeded(username);
            return result;
        } catch (BadCredentialsException | DisabledException e) {
            throttle.failed(username, address);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
