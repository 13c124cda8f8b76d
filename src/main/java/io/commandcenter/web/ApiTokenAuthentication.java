package io.commandcenter.web;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request signed in with an API token, for that request only: named {@code token:<name>}, acting for the
 * token's owner with the lower of the token's role and the owner's current role.
 */
class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final String owner;
    private final long tokenId;

    ApiTokenAuthentication(ApiTokens.Authenticated token) {
        super(List.of(new SimpleGrantedAuthority(token.effectiveRole().authority())));
        this.name = "token:" + token.token().name();
        this.owner = token.token().owner();
        this.tokenId = token.token().id();
        setAuthenticated(true);
    }

    @Override
    public String getName() {
        return name;
    }

    /** The user the token belongs to. */
    String owner() {
        return owner;
    }

    long tokenId() {
        return tokenId;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return name;
    }
}
