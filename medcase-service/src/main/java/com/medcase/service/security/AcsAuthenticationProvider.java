package com.medcase.service.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Against ACS: credentials are checked by ACS itself (tickets API), and the user's Alfresco groups
 * decide the MedCase roles (the GROUP_MEDCASE_* groups of the model, GROUP_ALFRESCO_ADMINISTRATORS
 * for ADMIN). A user in none of them is an outside party, whose groups still count for consent.
 * The ticket is deleted again: the service keeps no ACS session for its users.
 */
public final class AcsAuthenticationProvider implements AuthenticationProvider {

    static final String TICKETS = "/api/-default-/public/authentication/versions/1/tickets";
    static final String MY_GROUPS = "/api/-default-/public/alfresco/versions/1/people/-me-/groups?maxItems=1000";

    private final URI acs;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    /** @param alfrescoBaseUrl ACS's {@code /alfresco} web application, e.g. {@code https://acs.example/alfresco} */
    public AcsAuthenticationProvider(URI alfrescoBaseUrl) {
        String base = alfrescoBaseUrl.toString();
        this.acs = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        String password = String.valueOf(authentication.getCredentials());
        String ticket = login(user, password);
        try {
            Set<String> groups = groupsOf(ticket);
            return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities(groups));
        } finally {
            logout(ticket);
        }
    }

    @Override
    public boolean supports(Class<?> type) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
    }

    static List<GrantedAuthority> authorities(Set<String> groups) {
        Set<MedCaseRole> roles = EnumSet.noneOf(MedCaseRole.class);
        groups.forEach(g -> MedCaseRole.forAlfrescoGroup(g).ifPresent(roles::add));
        if (roles.isEmpty()) {
            roles.add(MedCaseRole.OUTSIDE_PARTY);
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        roles.forEach(r -> authorities.add(new SimpleGrantedAuthority(r.authority())));
        groups.forEach(g -> authorities.add(new SimpleGrantedAuthority(g)));
        return authorities;
    }

    private String login(String user, String password) {
        String body = json.writeValueAsString(Map.of("userId", user, "password", password));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(acs + TICKETS))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() == 400 || response.statusCode() == 401 || response.statusCode() == 403) {
            throw new BadCredentialsException("ACS refused the credentials of " + user);
        }
        if (response.statusCode() != 201) {
            throw new AuthenticationServiceException("ACS tickets API answered HTTP " + response.statusCode()
                    + " at " + URI.create(acs + TICKETS) + "; check medcase.repository.acs-url");
        }
        return json.readTree(response.body()).path("entry").path("id").asString();
    }

    private Set<String> groupsOf(String ticket) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(acs + MY_GROUPS))
                .header("Authorization", ticketAuthorization(ticket)).GET().build());
        if (response.statusCode() != 200) {
            throw new AuthenticationServiceException("ACS did not list the user's groups (HTTP " + response.statusCode() + ")");
        }
        Set<String> groups = new LinkedHashSet<>();
        for (JsonNode entry : json.readTree(response.body()).path("list").path("entries")) {
            groups.add(entry.path("entry").path("id").asString());
        }
        return groups;
    }

    private void logout(String ticket) {
        send(HttpRequest.newBuilder(URI.create(acs + TICKETS + "/-me-")).header("Authorization", ticketAuthorization(ticket))
                .DELETE().build());
    }

    /** ACS accepts a ticket as the Basic credential: base64 of the ticket itself. */
    private static String ticketAuthorization(String ticket) {
        return "Basic " + Base64.getEncoder().encodeToString(ticket.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AuthenticationServiceException("ACS is not reachable at " + acs + "; check medcase.repository.acs-url", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthenticationServiceException("Interrupted while asking ACS", e);
        }
    }

}
