package com.medcase.service;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the running service (and the embedded repository inside it) with SIGKILL while records are
 * being filed, restarts it on the same home, and checks that every record the service acknowledged
 * is there exactly once: the embedded repository is durable by itself (JDBC + fsynced content files).
 */
class CrashRestartIT {

    static final String PASSWORD = "crash-" + UUID.randomUUID();
    static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

    @TempDir
    Path home;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final List<Process> started = new ArrayList<>();
    String hash = new BCryptPasswordEncoder(4).encode(PASSWORD);

    @AfterEach
    void killLeftovers() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Test
    void noAcknowledgedRecordIsLostOrDuplicatedByACrash() throws Exception {
        Service first = start("first");
        String caseNumber = "CR-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post(first.port, "/api/cases", "application/json", """
                {"caseNumber":"%s","claimantId":"CLM-CRASH","caseType":"other"}""".formatted(caseNumber).getBytes(StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(201);

        List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> {
            int attempted = 0;
            for (int i = 0; i < 500; i++) {
                String name = "r-%04d.txt".formatted(i);
                attempted++;
                try {
                    if (fileRecord(first.port, caseNumber, name).statusCode() == 201) {
                        acknowledged.add(name);
                    }
                } catch (IOException | InterruptedException e) {
                    break; // the service is gone
                }
            }
            return attempted;
        });
        Instant deadline = Instant.now().plusSeconds(60);
        while (acknowledged.size() < 15 && Instant.now().isBefore(deadline) && !writer.isDone()) {
            Thread.onSpinWait();
        }
        assertThat(acknowledged).as("records filed before the crash").hasSizeGreaterThanOrEqualTo(15);
        first.process.descendants().forEach(ProcessHandle::destroyForcibly);
        first.process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        int attempted = writer.get(60, TimeUnit.SECONDS);

        Service second = start("second");
        HttpResponse<String> listed = get(second.port, "/api/cases/" + caseNumber + "/records");
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        // A record filed twice would come back auto-renamed (r-0001-1.txt): count those as the same name.
        Matcher m = Pattern.compile("\"name\"\\s*:\\s*\"(r-\\d{4})(?:-\\d+)?\\.txt\"").matcher(listed.body());
        while (m.find()) {
            names.add(m.group(1) + ".txt");
        }
        assertThat(names).as("no record filed twice").doesNotHaveDuplicates();
        assertThat(names).as("every acknowledged record survived").containsAll(List.copyOf(acknowledged));
        assertThat(names.size()).isLessThanOrEqualTo(attempted);
        HttpResponse<String> content = get(second.port, "/api/records/" + firstRecordId(listed.body()) + "/content?purpose=LITIGATION");
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(content.body()).startsWith("Synthetic crash-test note");
    }

    record Service(Process process, int port) {
    }

    Service start(String label) throws Exception {
        Path log = home.resolve(label + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(List.of(java, "-jar", Path.of("target/medcase-service.jar").toAbsolutePath().toString(),
                "--server.port=0", "--medcase.home=" + home.resolve("home"),
                "--medcase.security.users[0].name=manon", "--medcase.security.users[0].password-hash=" + hash,
                "--medcase.security.users[0].roles[0]=RECORDS_MANAGER"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(process);
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            Matcher m = PORT.matcher(Files.readString(log));
            if (m.find()) {
                return new Service(process, Integer.parseInt(m.group(1)));
            }
            if (!process.isAlive()) {
                break;
            }
            try {
                process.onExit().get(200, TimeUnit.MILLISECONDS); // returns early only if it died
            } catch (java.util.concurrent.TimeoutException stillStarting) {
                // poll the log again
            }
        }
        throw new AssertionError("service (" + label + ") did not start:\n" + Files.readString(log));
    }

    HttpResponse<String> fileRecord(int port, String caseNumber, String name) throws IOException, InterruptedException {
        String boundary = "----crash" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\n"
                + "Content-Type: text/plain\r\n\r\nSynthetic crash-test note " + name + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"category\"\r\n\r\nother\r\n"
                + "--" + boundary + "--\r\n";
        return post(port, "/api/cases/" + caseNumber + "/records", "multipart/form-data; boundary=" + boundary,
                body.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> post(int port, String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", basic()).header("Content-Type", contentType)
                .header("X-Requested-By", "medcase-test").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", basic()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(("manon:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    static String firstRecordId(String json) {
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
