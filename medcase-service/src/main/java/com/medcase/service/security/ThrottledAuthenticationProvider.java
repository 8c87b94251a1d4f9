package com.medcase.service.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The one authentication provider of both filter chains (HTTP Basic and the console's form): refuses a locked user or
 * address before checking anything, counts failures, and (for configured users) applies the password policy to the
 * presented password. Log lines name the user and address, never the password.
 */
public final class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(ThrottledAuthenticationProvider.class);

    private final AuthenticationProvider delegate;
    private final LoginThrottle throttle;
    private final PasswordPolicy policy;

    /** @param policy null when the delegate's own system owns the password policy (ACS) */
    public ThrottledAuthenticationProvider(AuthenticationProvider delegate, LoginThrottle throttle, PasswordPolicy policy) {
        this.delegate = delegate;
        this.throttle = throttle;
        this.policy = policy;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String user = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        String refusal = throttle.refusal(user, address);
        if (refusal != null) {
            log.warn("Login of '{}' from {} refused: too many failed logins for this {}", user, address, refusal);
            throw new LockedException("Too many failed logins; try again later");
        }
        Authentication result;
        try {
            result = delegate.authenticate(authentication);
        } catch (AuthenticationException e) {
            throttle.failed(user, address);
            throw e;
        }
        if (result == null) {
            return null;
        }
        if (policy != null && authentication.getCredentials() instanceof CharSequence password) {
            String violation = policy.violation(password);
            if (violation != null) {
                throttle.failed(user, address);
                log.warn("Login of '{}' refused: its configured password is {}; configure a new bcrypt hash "
                        + "(medcase.security.users[].password-hash)", user, violation);
                throw new BadCredentialsException("The password does not meet the password policy");
            }
        }
        throttle.succeeded(user);
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }
}
