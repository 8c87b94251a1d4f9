package com.medcase.service.search;

import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.impl.HttpJdkSolrClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10, against the REAL embedded Solr process: it used to answer anyone on the machine, and its config API let a
 * local user replace the consent filter of every search. Now Solr's own BasicAuthPlugin refuses unauthenticated
 * requests (blockUnknown), and its RuleBasedAuthorizationPlugin closes the config, schema, security and core-admin
 * APIs to the service's own user (permission names as in Solr's {@code PermissionNameProvider.Name}: config-edit,
 * core-admin-edit, ...). The per-start password reaches the child on its stdin, never in its arguments.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedSolrSecurityTest {

    @TempDir
    static Path home;

    private EmbeddedSolrProcess solr;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void startSolr() throws Exception {
        solr = EmbeddedSolrProcess.start(SolrSearchIndexTest.solrJar(), home.resolve("solr"), Duration.ofSeconds(90));
    }

    @AfterAll
    void stopSolr() throws Exception {
        if (solr != null) {
            solr.close();
        }
    }

    @Test
    void anUnauthenticatedRequestIsRefused() throws Exception {
        HttpResponse<String> select = send(HttpRequest.newBuilder(URI.create(solr.baseUrl() + "/medcase/select?q=*:*")).GET(), null);
        assertThat(select.statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(URI.create(solr.baseUrl() + "/medcase/select?q=*:*")).GET(),
                basic(EmbeddedSolrProcess.SERVICE_USER, "not-the-password"));
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    @Test
    void theServiceUserSearchesAndIndexesButCannotChangeConfigurationOrCores() throws Exception {
        try (SolrClient client = new HttpJdkSolrClient.Builder(solr.baseUrl()).useHttp1_1(true)
                .withBasicAuthCredentials(EmbeddedSolrProcess.SERVICE_USER, solr.password()).build()) {
            SolrSearchIndex index = new SolrSearchIndex(client, EmbeddedSolrProcess.CORE, true);
            index.index(new SearchIndex.Document("R-1", "R-1.txt", "WC-1", "CLM-1", "workersCompensation", "Clinic", "clinicalNotes",
                    java.time.LocalDate.of(2025, 1, 1), Set.of(), "knee", Set.of("GROUP_X")));
            assertThat(index.size()).isEqualTo(1);
        }
        String auth = basic(EmbeddedSolrProcess.SERVICE_USER, solr.password());
        // The attack of the issue: replace the consent filter through the config API.
        HttpResponse<String> config = send(HttpRequest.newBuilder(URI.create(solr.baseUrl() + "/medcase/config"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"set-user-property\":{\"medcase.readers\":\"*\"}}")), auth);
        assertThat(config.statusCode()).as(config.body()).isEqualTo(403);
        HttpResponse<String> params = send(HttpRequest.newBuilder(URI.create(solr.baseUrl() + "/medcase/config/params"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"set\":{\"x\":{\"fq\":\"*:*\"}}}")), auth);
        assertThat(params.statusCode()).as(params.body()).isEqualTo(403);
        HttpResponse<String> reload = send(HttpRequest.newBuilder(URI.create(solr.baseUrl()
                + "/admin/cores?action=RELOAD&core=medcase")).GET(), auth);
        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(403);
        HttpResponse<String> security = send(HttpRequest.newBuilder(URI.create(solr.baseUrl() + "/admin/authentication"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"set-user\":{\"intruder\":\"intruder-password\"}}")), auth);
        assertThat(security.statusCode()).as(security.body()).isEqualTo(403);
    }

    /** An external Solr with authentication (medcase.search.solr-url + solr-username/solr-password) is reached with them. */
    @Test
    void anExternalSolrIsCalledWithItsConfiguredCredentials() {
        SolrSearchIndex withCredentials = SearchConfiguration.external(solr.baseUrl(), EmbeddedSolrProcess.CORE,
                EmbeddedSolrProcess.SERVICE_USER, solr.password());
        assertThat(withCredentials.size()).isGreaterThanOrEqualTo(0);
        SolrSearchIndex without = SearchConfiguration.external(solr.baseUrl(), EmbeddedSolrProcess.CORE, "", "");
        org.assertj.core.api.Assertions.assertThatThrownBy(without::size).hasMessageContaining("401");
    }

    @Test
    void thePasswordIsInNoArgumentAndTheIndexIsPrivate() throws Exception {
        String arguments = String.join(" ", ProcessHandle.of(solr.pid()).orElseThrow().info().arguments().orElse(new String[0]));
        assertThat(arguments).contains("home=").doesNotContain(solr.password());
        Path solrDir = home.resolve("solr");
        assertThat(Files.getPosixFilePermissions(solrDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(solrDir.resolve("data"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        String securityJson = Files.readString(solrDir.resolve("data/security.json"));
        assertThat(securityJson).contains("BasicAuthPlugin").doesNotContain(solr.password());
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String authorization) throws Exception {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
