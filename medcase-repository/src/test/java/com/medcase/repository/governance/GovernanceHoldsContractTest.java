package com.medcase.repository.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.medcase.repository.RepositoryException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Contract test against the payload shapes of ACS's published gs-core-api.yaml (v1 holds), served by a
 * local HTTP server. Not a live ACS: what a real GS would do beyond these shapes is not verified here.
 */
class GovernanceHoldsContractTest {

    record Call(String method, String path, String authorization, String body) { }

    static final String BASE = "/alfresco/api/-default-/public/gs/versions/1/";
    HttpServer server;
    final List<Call> calls = new CopyOnWriteArrayList<>();
    GovernanceHoldsClient client;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        client = new GovernanceHoldsClient("http://127.0.0.1:" + server.getAddress().getPort() + "/alfresco", "svc", "test-only".toCharArray());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = x.getRequestURI().getRawPath() + (x.getRequestURI().getRawQuery() == null ? "" : "?" + x.getRequestURI().getRawQuery());
        calls.add(new Call(x.getRequestMethod(), path, x.getRequestHeaders().getFirst("Authorization"), body));
        String p = path.substring(BASE.length());
        int status;
        String response;
        if (p.equals("file-plans/-filePlan-/holds") && x.getRequestMethod().equals("POST")) {
            status = 201;
            response = "{\"entry\":{\"id\":\"a7a3b2c1-0000-4000-8000-000000000001\",\"name\":\"Smith v. Acme\",\"description\":\"CLM-1\",\"reason\":\"litigation pending\"}}";
        } else if (p.startsWith("file-plans/-filePlan-/holds") && x.getRequestMethod().equals("GET")) {
            status = 200;
            response = "{\"list\":{\"pagination\":{\"count\":1,\"hasMoreItems\":false,\"totalItems\":1,\"skipCount\":0,\"maxItems\":1000},"
                    + "\"entries\":[{\"entry\":{\"id\":\"a7a3b2c1-0000-4000-8000-000000000001\",\"name\":\"Smith v. Acme\",\"reason\":\"litigation pending\"}}]}}";
        } else if (p.endsWith("/children") && x.getRequestMethod().equals("POST")) {
            status = 201;
            response = "{\"list\":{\"entries\":[{\"entry\":{\"id\":\"node-1\"}},{\"entry\":{\"id\":\"node-2\"}}]}}";
        } else if (p.contains("/children/") && x.getRequestMethod().equals("DELETE")) {
            status = p.contains("missing") ? 404 : 204;
            response = status == 404 ? "{\"error\":{\"errorKey\":\"framework.exception.EntityNotFound\",\"statusCode\":404,"
                    + "\"briefSummary\":\"05220001 The entity with id: missing was not found\"}}" : "";
        } else if (p.endsWith("/delete") && x.getRequestMethod().equals("POST")) {
            status = 200;
            response = "{\"entry\":{\"reason\":\"settled\"}}";
        } else {
            status = 500;
            response = "{}";
        }
        byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        if (status != 204) {
            x.getResponseBody().write(bytes);
        }
        x.close();
    }

    JsonNode body(Call c) throws IOException {
        return json.readTree(c.body());
    }

    @Test
    void createsAHoldWithNameDescriptionAndReason() throws IOException {
        GovernanceHoldsClient.GsHold hold = client.createHold("Smith v. Acme", "CLM-1", "litigation pending");
        assertThat(hold.id()).isEqualTo("a7a3b2c1-0000-4000-8000-000000000001");
        Call call = calls.get(0);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo(BASE + "file-plans/-filePlan-/holds");
        assertThat(call.authorization()).startsWith("Basic ");
        assertThat(body(call).path("name").asText()).isEqualTo("Smith v. Acme");
        assertThat(body(call).path("reason").asText()).isEqualTo("litigation pending");
    }

    @Test
    void addsChildrenAsAListOfIdsAndDeletesWithAReason() throws IOException {
        client.addToHold("h1", List.of("node-1", "node-2"));
        client.deleteHold("h1", "settled");
        assertThat(calls.get(0).path()).isEqualTo(BASE + "holds/h1/children");
        assertThat(body(calls.get(0))).hasSize(2);
        assertThat(body(calls.get(0)).get(1).path("id").asText()).isEqualTo("node-2");
        assertThat(calls.get(1).path()).isEqualTo(BASE + "holds/h1/delete");
        assertThat(body(calls.get(1)).path("reason").asText()).isEqualTo("settled");
    }

    @Test
    void listsHoldsAndReportsAlfrescoErrorsWithTheirSummary() {
        assertThat(client.listHolds()).extracting(GovernanceHoldsClient.GsHold::name).containsExactly("Smith v. Acme");
        client.removeFromHold("h1", "node-1");
        assertThatThrownBy(() -> client.removeFromHold("h1", "missing")).isInstanceOf(RepositoryException.class)
                .hasMessageContaining("404").hasMessageContaining("was not found").hasMessageContaining("Governance Services installed");
    }
}
