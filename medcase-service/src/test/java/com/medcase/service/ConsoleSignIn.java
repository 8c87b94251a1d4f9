package com.medcase.service;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's form login as a browser does it: GET /login for the session and its CSRF token, then POST the form.
 * The cookie jar sends the Secure session cookie over loopback http as browsers do ({@link LoopbackBrowserCookies}).
 */
public final class ConsoleSignIn {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private ConsoleSignIn() {
    }

    /** A browser-like client: a cookie jar, and redirects followed or not. */
    public static HttpClient browser(HttpClient.Redirect redirects) {
        return HttpClient.newBuilder().cookieHandler(new LoopbackBrowserCookies()).followRedirects(redirects).build();
    }

    /** Posts the login form with the CSRF token of a fresh login page; the answer as the browser got it. */
    public static HttpResponse<String> postLogin(HttpClient browser, URI base, String user, String password) throws Exception {
        String page = browser.send(HttpRequest.newBuilder(base.resolve("/login")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = CSRF.matcher(page);
        assertThat(token.find()).as(page).isTrue();
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
        return browser.send(HttpRequest.newBuilder(base.resolve("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A client signed in to the console (the login answered its redirect), following no further redirects. */
    public static HttpClient signedIn(URI base, String user, String password) throws Exception {
        HttpClient browser = browser(HttpClient.Redirect.NEVER);
        assertThat(postLogin(browser, base, user, password).statusCode()).isEqualTo(302);
        return browser;
    }
}
