package com.medcase.service.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.medcase.service.ConfiguredTestUsers;
import com.medcase.service.ConsoleSignIn;
import com.medcase.service.MedCaseApplication;
import com.medcase.service.ServiceApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default's two H2 files (the service's, the embedded repository's) as administrators see them:
 * {@code /api/admin/storage} and {@code /console/storage}, for administrators only.
 */
@SpringBootTest(classes = MedCaseApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StorageApiTest {

    static final String PASSWORD = "test-" + UUID.randomUUID();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        String home = Files.createTempDirectory("medcase-storage-test").toString();
        registry.add("medcase.home", () -> home);
        registry.add("medcase.search.embedded-server-jar", () -> "does-not-exist.jar");
        ConfiguredTestUsers.register(registry, new BCryptPasswordEncoder(4).encode(PASSWORD),
                new String[][]{{"ada", "ADMIN"}, {"manon", "RECORDS_MANAGER"}});
    }

    @Test
    void administratorsSeeBothDatabaseFilesForcedToDiskAndNobodyElseDoes() throws Exception {
        ServiceApiClient api = new ServiceApiClient(http, port, PASSWORD);
        Instant until = Instant.now().plusSeconds(30);
        JsonNode files;
        do {
            HttpResponse<String> answer = api.get("ada", "/api/admin/storage");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            files = new ObjectMapper().readTree(answer.body());
            if (files.size() == 2 && files.get(0).path("syncs").asLong() >= 2 && files.get(1).path("syncs").asLong() >= 2) {
                break;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(until));

        assertThat(files).extracting(f -> f.get("name").asText()).containsExactlyInAnyOrder("service database", "embedded repository database");
        for (JsonNode f : files) {
            assertThat(f.get("status").asText()).as(f.toString()).isEqualTo("OK");
            assertThat(f.get("syncs").asLong()).as("forced every 100 ms by its upkeep: %s", f).isGreaterThanOrEqualTo(2);
            assertThat(f.get("fileBytes").asLong()).as(f.toString()).isPositive();
            assertThat(f.get("livePercent").asInt()).as(f.toString()).isBetween(0, 100);
            assertThat(f.get("writtenBytes").asLong()).as("H2 wrote the schema's and the seed's commits: %s", f).isPositive();
            assertThat(f.get("failures").asLong()).isZero();
            assertThat(Duration.between(Instant.parse(f.get("lastSync").asText()), Instant.now())).isLessThan(Duration.ofSeconds(5));
        }

        assertThat(api.get("manon", "/api/admin/storage").statusCode()).isEqualTo(403);
        assertThat(http.send(HttpRequest.newBuilder(api.uri("/api/admin/storage")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void theConsolePageListsTheFilesForAdministratorsOnly() throws Exception {
        URI base = URI.create("http://localhost:" + port);
        HttpClient ada = ConsoleSignIn.signedIn(base, "ada", PASSWORD);
        HttpResponse<String> page = ada.send(HttpRequest.newBuilder(base.resolve("/console/storage")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"nav-storage\"").contains("service database").contains("embedded repository database")
                .contains("class=\"file-row\"").contains("MiB").contains("class=\"written\"");

        HttpClient manon = ConsoleSignIn.signedIn(base, "manon", PASSWORD);
        assertThat(manon.send(HttpRequest.newBuilder(base.resolve("/console/storage")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(403);
        HttpResponse<String> dashboard = manon.send(HttpRequest.newBuilder(base.resolve("/console")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(dashboard.body()).doesNotContain("nav-storage");
    }
}
