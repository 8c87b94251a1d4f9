package com.medcase.cmis.embedded;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The InMemory server believes any user name it is given. This filter admits only requests whose
 * HTTP Basic credentials match the user directory, so the name the server sees is a proven one.
 * Verified credentials are cached by their SHA-256 for a minute, because PBKDF2 on every CMIS call
 * would make the repository CPU-bound.
 */
final class BasicAuthenticationFilter implements Filter {

    private static final long CACHE_MILLIS = 60_000;
    private final UserDirectory users;
    private final ConcurrentHashMap<String, Long> recentlyVerified = new ConcurrentHashMap<>();

    BasicAuthenticationFilter(UserDirectory users) {
        this.users = users;
    }

    @Override
    public void init(FilterConfig filterConfig) {
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6) && verified(header.substring(6).trim())) {
            chain.doFilter(req, res);
            return;
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"MedCase embedded repository\"");
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Authentication required");
    }

    private boolean verified(String encoded) {
        String cacheKey = sha256(encoded);
        Long at = recentlyVerified.get(cacheKey);
        long now = System.currentTimeMillis();
        if (at != null && now - at < CACHE_MILLIS) {
            return true;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return false;
        }
        CharBuffer chars = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(decoded));
        Arrays.fill(decoded, (byte) 0);
        int colon = -1;
        for (int i = 0; i < chars.limit(); i++) {
            if (chars.get(i) == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= 0) {
            return false;
        }
        String user = chars.subSequence(0, colon).toString();
        char[] password = new char[chars.limit() - colon - 1];
        chars.position(colon + 1);
        chars.get(password);
        boolean ok = users.authenticate(user, password);
        Arrays.fill(password, '\0');
        if (ok) {
            recentlyVerified.put(cacheKey, now);
        }
        return ok;
    }

    private static String sha256(String s) {
        try {
            return Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void destroy() {
    }
}
