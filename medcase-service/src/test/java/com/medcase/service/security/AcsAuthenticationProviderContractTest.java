package com.medcase.service.security;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Contract test against a local HTTP server that answers with payloads recorded in the shape of the
 * ACS public REST API (tickets, people/-me-/groups): what the provider sends and what it makes of the answers.
 */
class AcsAuthenticationProviderContractTest {

    static final String TICKET = "TICKET_4f9c2b7e8d1a6c3e5b0f9a8d7c6e5b4a3f2e1d0c";

    HttpServer acs;
    final AtomicInteger ticketsDeleted = new AtomicInteger();
    volatile String groupsPayload = "people-me-groups.json";

    @BeforeEach
    void startFakeAcs() throws IOException {
        acs = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        acs.createContext("/alfresco" + AcsAuthenticationProvider.TICKETS, exchange -> {
            if ("DELETE".equals(exchange.getRequestMethod())) {
                assertTicketAuth(exchange);
                ticketsDeleted.incrementAndGet();
                reply(exchange, 204, null);
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean good = body.contains("\"userId\":\"manon\"") && body.contains("\"password\":\"s3cret\"");
            reply(exchange, good ? 201 : 403, good ? "ticket-created.json" : "login-failed.json");
        });
        acs.createContext("/alfresco/api/-default-/public/alfresco/versions/1/people/-me-/groups", exchange -> {
            if (!assertTicketAuth(exchange)) {
                reply(exchange, 401, "login-failed.json");
                return;
            }
            reply(exchange, 200, groupsPayload);
        });
        acs.start();
    }

    @AfterEach
    void stop() {
        acs.stop(0);
    }

    AcsAuthenticationProvider provider() {
        return new AcsAuthenticationProvider(java.net.URI.create("http://127.0.0.1:" + acs.getAddress().getPort() + "/alfresco"));
    }

    @Test
    void acsCredentialsAndGroupsBecomeMedCaseRoles() {
        Authentication result = provider().authenticate(UsernamePasswordAuthenticationToken.unauthenticated("manon", "s3cret"));
        assertThat(result.isAuthenticated()).isTrue();
        assertThat(result.getName()).isEqualTo("manon");
        assertThat(result.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .contains("ROLE_RECORDS_MANAGER", "GROUP_MEDCASE_RECORDS_MANAGERS", "GROUP_site_claims_SiteConsumer")
                .doesNotContain("ROLE_ADMIN", "ROLE_OUTSIDE_PARTY");
        assertThat(result.getCredentials()).isNull();
        assertThat(ticketsDeleted).as("the ticket is given back").hasValue(1);
    }

    @Test
    void aUserInNoMedCaseGroupIsAnOutsideParty() {
        groupsPayload = "no-medcase-groups.json";
        Authentication result = provider().authenticate(UsernamePasswordAuthenticationToken.unauthenticated("manon", "s3cret"));
        assertThat(result.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_OUTSIDE_PARTY", "GROUP_INSURER_ACME_ADJUSTERS");
    }

    @Test
    void wrongPasswordIsBadCredentials() {
        assertThatThrownBy(() -> provider().authenticate(UsernamePasswordAuthenticationToken.unauthenticated("manon", "wrong")))
                .isInstanceOf(BadCredentialsException.class).hasMessageContaining("manon");
    }

    @Test
    void unreachableAcsSaysWhatToCheck() {
        acs.stop(0);
        assertThatThrownBy(() -> provider().authenticate(UsernamePasswordAuthenticationToken.unauthenticated("manon", "s3cret")))
                .isInstanceOf(AuthenticationServiceException.class).hasMessageContaining("medcase.repository.acs-url");
    }

    private static boolean assertTicketAuth(HttpExchange exchange) {
        String expected = "Basic " + Base64.getEncoder().encodeToString(TICKET.getBytes(StandardCharsets.UTF_8));
        return expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
    }

    private static void reply(HttpExchange exchange, int status, String payload) throws IOException {
        if (payload == null) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        byte[] body;
        try (InputStream in = AcsAuthenticationProviderContractTest.class.getResourceAsStream("/acs/" + payload)) {
            body = in.readAllBytes();
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
