package com.medcase.service.bench;

import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounded concurrent load on loopback: reader threads (case listing, record metadata, search) and
 * filing threads against one service on the embedded default, for a fixed duration; prints
 * throughput and latency percentiles. Run with {@code mvn -pl medcase-service -Pbench-service verify}
 * (never part of the normal build). Arguments: seconds (default 20), readers (4), filers (2).
 */
public final class ServiceLoadBench {

    private static final String PASSWORD = "bench-" + UUID.randomUUID();

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int readers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int filers = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        BenchService service = BenchService.start("medcase-bench", PASSWORD);
        ConfigurableApplicationContext context = service.context();
        try {
            int port = service.httpPort();
            new ServiceLoadBench(port).run(Duration.ofSeconds(seconds), readers, filers);
        } finally {
            context.close();
        }
    }

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String authorization = "Basic " + Base64.getEncoder().encodeToString(("bench:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    private ServiceLoadBench(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    private void run(Duration duration, int readers, int filers) throws Exception {
        String caseNumber = "BENCH-1";
        send(json("/api/cases", "{\"caseNumber\":\"" + caseNumber + "\",\"claimantId\":\"CLM-BENCH\",\"caseType\":\"other\"}"));
        String seedId = null;
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> filed = send(record(caseNumber, "seed-" + i));
            seedId = filed.body().replaceAll("(?s).*?\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        }
        String recordId = seedId;
        List<Long> readLatencies = Collections.synchronizedList(new ArrayList<>());
        List<Long> fileLatencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(readers + filers);
        for (int r = 0; r < readers; r++) {
            int lane = r;
            pool.submit(() -> loop(end, readLatencies, errors, i -> switch ((int) ((i + lane) % 3)) {
                case 0 -> get("/api/cases");
                case 1 -> get("/api/records/" + recordId + "?purpose=LITIGATION");
                default -> get("/api/search?q=synthetic&rows=10");
            }));
        }
        for (int f = 0; f < filers; f++) {
            int lane = f;
            pool.submit(() -> loop(end, fileLatencies, errors, i -> record(caseNumber, "load-" + lane + "-" + i)));
        }
        pool.shutdown();
        pool.awaitTermination(duration.toSeconds() + 60, TimeUnit.SECONDS);
        double secs = duration.toMillis() / 1000.0;
        System.out.printf("%nMedCase service load, %d s on loopback, embedded default (H2 file, embedded repository over REST v1)%n", duration.toSeconds());
        print("reads  (" + readers + " threads: cases, record metadata, search)", readLatencies, secs);
        print("filings (" + filers + " threads: multipart record, consent projection, index)", fileLatencies, secs);
        System.out.printf("errors: %d%n", errors.get());
    }

    private interface Call {
        HttpRequest request(long iteration);
    }

    private void loop(long end, List<Long> latencies, AtomicLong errors, Call call) {
        for (long i = 0; System.nanoTime() < end; i++) {
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = send(call.request(i));
                if (response.statusCode() >= 300) {
                    errors.incrementAndGet();
                }
            } catch (Exception e) {
                errors.incrementAndGet();
            }
            latencies.add(System.nanoTime() - start);
        }
    }

    private static void print(String label, List<Long> latencies, double seconds) {
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            System.out.println(label + ": no requests");
            return;
        }
        System.out.printf("%s: %d requests, %.1f/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", label, sorted.size(),
                sorted.size() / seconds, ms(sorted, 0.50), ms(sorted, 0.95), ms(sorted, 0.99), sorted.getLast() / 1e6);
    }

    private static double ms(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(quantile * sorted.size()))) / 1e6;
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization).GET().build();
    }

    private HttpRequest json(String path, String body) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization)
                .header("Content-Type", "application/json").header("X-Requested-By", "medcase-test").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpRequest record(String caseNumber, String name) {
        String boundary = "----bench" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + ".txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nSynthetic bench note " + name + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"category\"\r\n\r\nclinicalNotes\r\n"
                + "--" + boundary + "--\r\n";
        return HttpRequest.newBuilder(URI.create(base + "/api/cases/" + caseNumber + "/records"))
                .header("Authorization", authorization).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("X-Requested-By", "medcase-test").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
