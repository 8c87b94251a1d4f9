package com.medcase.repository.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.medcase.repository.RepositoryException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Client of the Governance Services holds API: create a hold in the file plan, add and remove
 * children, delete a hold with a reason (kept in GS's audit log), list holds.
 */
public final class GovernanceHoldsClient {

    /** A GS hold as the API returns it. */
    public record GsHold(String id, String name, String description, String reason) { }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final URI base;
    private final String authorization;

    /** @param acsBaseUrl e.g. {@code https://acs.example/alfresco} */
    public GovernanceHoldsClient(String acsBaseUrl, String username, char[] password) {
        this.base = URI.create(acsBaseUrl.replaceAll("/+$", "") + "/api/-default-/public/gs/versions/1/");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((username + ":" + new String(password)).getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public GsHold createHold(String name, String description, String reason) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reason, "reason");
        ObjectNode body = JSON.createObjectNode().put("name", name).put("reason", reason);
        if (description != null) {
            body.put("description", description);
        }
        return hold(send("POST", "file-plans/-filePlan-/holds", body, 201).path("entry"));
    }

    /** Adds nodes to a hold; GS answers 201 even for nodes already in it. */
    public void addToHold(String holdId, List<String> nodeIds) {
        var body = JSON.createArrayNode();
        nodeIds.forEach(id -> body.addObject().put("id", id));
        send("POST", "holds/" + enc(holdId) + "/children", body, 201);
    }

    public void removeFromHold(String holdId, String nodeId) {
        send("DELETE", "holds/" + enc(holdId) + "/children/" + enc(nodeId), null, 204);
    }

    /** Deletes (releases) a hold; GS records the reason in its audit log. */
    public void deleteHold(String holdId, String reason) {
        send("POST", "holds/" + enc(holdId) + "/delete", JSON.createObjectNode().put("reason", reason), 200);
    }

    public List<GsHold> listHolds() {
        List<GsHold> holds = new ArrayList<>();
        for (JsonNode e : send("GET", "file-plans/-filePlan-/holds?maxItems=1000", null, 200).path("list").path("entries")) {
            holds.add(hold(e.path("entry")));
        }
        return holds;
    }

    private JsonNode send(String method, String path, JsonNode body, int expectedStatus) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                String summary = "";
                try {
                    summary = JSON.readTree(response.body()).path("error").path("briefSummary").asText("");
                } catch (IOException ignored) {
                    // not an Alfresco error body
                }
                throw new RepositoryException("Governance Services " + method + " " + path + " answered " + response.statusCode()
                        + (summary.isEmpty() ? "" : ": " + summary) + hint(response.statusCode()));
            }
            return response.body() == null || response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new RepositoryException("Governance Services at " + base + " is unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RepositoryException("Interrupted while calling Governance Services", e);
        }
    }

    private static String hint(int status) {
        return switch (status) {
            case 401 -> " (check the service account credentials)";
            case 403 -> " (the service account needs the Records Management 'Create Hold'/'Add to Hold' capabilities)";
            case 404 -> " (is Governance Services installed, with a file plan?)";
            default -> "";
        };
    }

    private static GsHold hold(JsonNode e) {
        return new GsHold(e.path("id").asText(), e.path("name").asText(), e.path("description").asText(null), e.path("reason").asText(null));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
