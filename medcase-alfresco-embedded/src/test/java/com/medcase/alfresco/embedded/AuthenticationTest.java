package com.medcase.alfresco.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import org.alfresco.core.model.NodeEntry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.util.Collections;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Authentication on every request: Basic, tickets (AuthenticationsImpl) as Basic base64(ticket) and ?alf_ticket=; loopback only. */
class AuthenticationTest extends EmbeddedTestBase {

    /** No or wrong credentials -> 401 with ACS's error body and a Basic challenge. */
    @Test
    void unauthenticatedRequestsGet401() {
        Client anonymous = new Client(alfresco.baseUrl(), null, null);
        Client.Res r = anonymous.get(Client.core("nodes/-root-"));
        assertError(r, 401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertError(admin.as(ADMIN, "wrong").get(Client.core("nodes/-root-")), 401);
        assertError(admin.as("nobody", "x").get(Client.core("nodes/-root-")), 401);
    }

    /** (The authentication API has no model in the core SDK jar: its bodies are checked as JSON.) AuthenticationsImpl.createTicket / validateTicket / deleteTicket; a ticket works as Basic base64(ticket) and as alf_ticket. */
    @Test
    void ticketsLifecycle() {
        Client anonymous = new Client(alfresco.baseUrl(), null, null);
        Client.Res created = anonymous.post(Client.auth("tickets"), java.util.Map.of("userId", ADMIN, "password", ADMIN_PW));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode entry = created.json().get("entry");
        String ticket = entry.get("id").asText();
        assertThat(ticket).startsWith("TICKET_");
        assertThat(entry.get("userId").asText()).isEqualTo(ADMIN);

        Client byTicket = anonymous.withTicket(ticket);
        assertThat(byTicket.get(Client.core("nodes/-root-")).as(NodeEntry.class).getEntry().getName()).isEqualTo("Company Home");
        assertThat(anonymous.get(Client.core("nodes/-root-?alf_ticket=" + ticket)).status()).isEqualTo(200);
        Client.Res me = byTicket.get(Client.auth("tickets/-me-"));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("entry").get("id").asText()).isEqualTo(ticket);
        assertThat(byTicket.delete(Client.auth("tickets/-me-")).status()).isEqualTo(204);
        assertError(byTicket.get(Client.core("nodes/-root-")), 401);
        assertError(anonymous.get(Client.core("nodes/-root-?alf_ticket=" + ticket)), 401);

        // AuthenticationsImpl.createTicket: AuthenticationException -> PermissionDeniedException("Login failed") -> 403
        assertError(anonymous.post(Client.auth("tickets"), java.util.Map.of("userId", ADMIN, "password", "bad")), 403);
        assertError(anonymous.post(Client.auth("tickets"), "{\"userId\":\"x\"}"), 400);
    }

    /** The server binds 127.0.0.1 only: the machine's non-loopback addresses refuse connections. */
    @Test
    void bindsLoopbackOnly() throws IOException {
        assertThat(alfresco.baseUrl().getHost()).isEqualTo("127.0.0.1");
        int port = alfresco.baseUrl().getPort();
        Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress() && a instanceof Inet4Address).findFirst();
        InetAddress target = external.orElse(InetAddress.getByName("127.0.0.2"));
        if (external.isPresent()) {
            assertThatThrownBy(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(target, port), 2000);
                }
            }).isInstanceOf(IOException.class);
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 2000);
            assertThat(s.isConnected()).isTrue();
        }
        HttpRequest.newBuilder(alfresco.baseUrl()).build();
    }
}
