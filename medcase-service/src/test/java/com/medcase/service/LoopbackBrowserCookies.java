package com.medcase.service;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A cookie jar that behaves like a browser on http://127.0.0.1: browsers treat loopback origins as potentially
 * trustworthy (W3C Secure Contexts, section 3.2) and send {@code Secure} cookies to them, while the JDK's
 * {@link CookieManager} only sends them over https. The console's session cookie is {@code Secure}; tests that sign
 * in over loopback http use this jar so they see what Chromium sees.
 */
public final class LoopbackBrowserCookies extends CookieHandler {

    private final CookieManager jar = new CookieManager();

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
        return jar.get(loopbackAsSecure(uri), requestHeaders);
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
        jar.put(uri, responseHeaders);
    }

    private static URI loopbackAsSecure(URI uri) {
        boolean loopback = "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()) || "[::1]".equals(uri.getHost());
        if (!loopback || !"http".equalsIgnoreCase(uri.getScheme())) {
            return uri;
        }
        return URI.create("https" + uri.toString().substring("http".length()));
    }
}
