package com.medcase.service.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Set;

/**
 * CSRF defence of the stateless API: a browser attaches Basic credentials it has cached to a cross-site form post or
 * a "simple" fetch, but it cannot add a custom header to one without a CORS preflight, which this service never
 * grants. So every request that changes state must carry {@value #HEADER} (any non-empty value); API clients add it
 * once. This is OWASP's "custom request header" defence; the console keeps Spring Security's synchronizer token.
 */
public final class RequestedByHeaderFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Requested-By";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String value = request.getHeader(HEADER);
        if (!SAFE.contains(request.getMethod()) && (value == null || value.isBlank())) {
            response.sendError(HttpStatus.FORBIDDEN.value(), "Requests that change state must carry the header " + HEADER
                    + " (any value); browsers cannot add it to a cross-site request");
            return;
        }
        chain.doFilter(request, response);
    }
}
