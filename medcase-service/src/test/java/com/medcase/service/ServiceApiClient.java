package com.medcase.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's REST API as the integration tests call it: HTTP Basic for one of the configured users, the
 * {@code X-Requested-By} header every non-GET call needs, JSON bodies and the record upload form.
 */
public final class ServiceApiClient {
    private final HttpClient http;
    private final int port;
    private final String password;

    /** @param password the password every configured user of the test has */
    public ServiceApiClient(HttpClient http, int port, String password) {
        this.http = http;
        this.port = port;
        this.password = password;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public String basic(String user) {
        return basic(user, password);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String user, String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user)).GET().build());
    }

    public HttpResponse<String> post(String user, String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user)).header("X-Requested-By", "medcase-test")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Files a text record through the upload form, with its service date and sensitivity labels. */
    public HttpResponse<String> multipart(String user, String path, String fileName, String text, String category, String serviceDate,
                                          String... sensitivityLabels) throws IOException, InterruptedException {
        return form(user, path, fileName, "text/plain", text, category, serviceDate, sensitivityLabels);
    }

    /** Uploads a file of any declared content type through the record upload form, without a service date. */
    public HttpResponse<String> upload(String user, String path, String fileName, String contentType, String text, String category)
            throws IOException, InterruptedException {
        return form(user, path, fileName, contentType, text, category, null);
    }

    private HttpResponse<String> form(String user, String path, String fileName, String contentType, String text, String category,
                                      String serviceDate, String... sensitivityLabels) throws IOException, InterruptedException {
        String boundary = "----medcase" + UUID.randomUUID();
        StringBuilder body = new StringBuilder();
        for (String label : sensitivityLabels) {
            body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"sensitivityLabels\"\r\n\r\n")
                    .append(label).append("\r\n");
        }
        body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"").append(fileName).append("\"\r\n")
                .append("Content-Type: ").append(contentType).append("\r\n\r\n").append(text).append("\r\n")
                .append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"category\"\r\n\r\n").append(category).append("\r\n");
        if (serviceDate != null) {
            body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"serviceDateFrom\"\r\n\r\n")
                    .append(serviceDate).append("\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user)).header("X-Requested-By", "medcase-test")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build());
    }

    /** A string field of a JSON answer (the first with that name), asserted present. */
    public static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as("field %s in %s", name, json).isTrue();
        return m.group(1);
    }
}
