package com.medcase.enforcement;

import com.medcase.alfresco.embedded.EmbeddedAlfresco;
import com.medcase.alfresco.embedded.EmbeddedAlfrescoSettings;
import com.medcase.model.MedCaseModel;
import com.medcase.repository.alfresco.AlfrescoAuthorityDirectory;
import com.medcase.repository.alfresco.AlfrescoHttp;
import com.medcase.repository.alfresco.AlfrescoRecordRepository;
import com.medcase.repository.alfresco.AlfrescoSettings;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;

/**
 * The embedded default repository, in-process on loopback, with the production binding over it and
 * the people the tests sign in as (each with a password of its own, speaking REST v1 directly).
 */
public final class EmbeddedRepositoryFixture implements AutoCloseable {

    public static final String SERVICE = "medcase-svc";
    public static final String MANAGER = "m.jones";
    public static final String CLERK = "c.smith";
    public static final String HOLD_ADMIN = "h.admin";
    public static final String ADJUSTER = "adjuster1";
    /** Somebody who is in no group at all, only (implicitly) in GROUP_EVERYONE. */
    public static final String STRANGER = "s.tranger";
    /** Test-only passwords for throwaway users of a throwaway repository. */
    static final Map<String, String> PASSWORDS = Map.of(MANAGER, "manager-pw-1", CLERK, "clerk-pw-1", HOLD_ADMIN, "hold-pw-1",
            ADJUSTER, "adjuster-pw-1", STRANGER, "stranger-pw-1");
    static final String CORE = "/api/-default-/public/alfresco/versions/1";

    public final EmbeddedAlfresco server;
    public final AlfrescoHttp http;
    public final AlfrescoAuthorityDirectory authorities;
    public final AlfrescoRecordRepository repository;
    private final char[] servicePassword = ("svc-" + System.nanoTime()).toCharArray();
    private final HttpClient client = HttpClient.newHttpClient();

    public EmbeddedRepositoryFixture(Path home) {
        this(home, null);
    }

    /** @param jdbcUrl the embedded repository's database; null for its H2 default */
    public EmbeddedRepositoryFixture(Path home, String jdbcUrl) {
        this(home, jdbcUrl, jdbcUrl == null ? null : "postgres", null, null);
    }

    /** Any database settings, and content files encrypted when {@code encryption} is given (the encryption bench). */
    public EmbeddedRepositoryFixture(Path home, String jdbcUrl, String jdbcUser, String jdbcPassword,
                                     com.medcase.alfresco.embedded.ContentEncryption encryption) {
        server = EmbeddedAlfresco.start(new EmbeddedAlfrescoSettings(home, jdbcUrl, jdbcUser, jdbcPassword, 0, SERVICE,
                servicePassword, encryption));
        http = new AlfrescoHttp(AlfrescoSettings.of(server.baseUrl(), SERVICE, servicePassword));
        authorities = new AlfrescoAuthorityDirectory(http);
        repository = new AlfrescoRecordRepository(http, authorities, Clock.systemUTC());
        PASSWORDS.forEach((user, password) -> {
            Response created = call(SERVICE, new String(servicePassword), "POST", "/people",
                    "{\"id\":\"%s\",\"firstName\":\"%s\",\"email\":\"%s@example.invalid\",\"password\":\"%s\"}".formatted(user, user, user, password));
            if (created.status() != 201) {
                throw new IllegalStateException("cannot create " + user + ": " + created);
            }
        });
        authorities.addMember(MedCaseModel.GROUP_RECORDS_MANAGERS, MANAGER);
        authorities.addMember(MedCaseModel.GROUP_RECORDS_CLERKS, CLERK);
        authorities.addMember(MedCaseModel.GROUP_LEGAL_HOLD_ADMINISTRATORS, HOLD_ADMIN);
    }

    public record Response(int status, String body) {
    }

    /** A REST v1 core call as one of the test people, with their own password. */
    public Response as(String user, String method, String path, String jsonBody) {
        return call(user, PASSWORDS.get(user), method, path, jsonBody);
    }

    /** The same call as the service account: the repository's refusals bind it too. */
    public Response asService(String method, String path, String jsonBody) {
        return call(SERVICE, new String(servicePassword), method, path, jsonBody);
    }

    private Response call(String user, String password, String method, String path, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + CORE + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
