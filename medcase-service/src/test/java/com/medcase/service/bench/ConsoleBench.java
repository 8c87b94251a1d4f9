package com.medcase.service.bench;

import com.medcase.model.MedCaseModel;
import com.medcase.service.cases.CaseFiling;
import com.medcase.service.search.SearchIndex;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's case page and search page with a large index: starts the service on the embedded default (the
 * embedded Solr when its jar is built), opens a case with real filed records, loads {@code records} more documents
 * into the index (half of them in that one case, the rest over 1,000 cases, 1% mentioning "fracture"), signs in
 * through the console's form, and times {@code GET /console/cases/{case}} (pages and sorts) and
 * {@code GET /console/search?q=fracture} (pages, facets, highlighting) one request at a time. Prints p50/p95/p99.
 * Run: {@code ./mvnw -B -q -pl medcase-service -am -Pbench-service verify -DskipTests} (arguments: records, samples).
 */
public final class ConsoleBench {

    private static final String PASSWORD = "bench-" + UUID.randomUUID();
    private static final String CASE = "BENCH-CASE";

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        BenchService service = BenchService.start("medcase-console-bench", PASSWORD);
        ConfigurableApplicationContext context = service.context();
        try {
            SearchIndex index = context.getBean(SearchIndex.class);
            System.out.println("index: " + index.getClass().getSimpleName());
            CaseFiling filing = context.getBean(CaseFiling.class);
            filing.openCase(new CaseFiling.CaseRequest(CASE, "CLM-BENCH", "workersCompensation", "CA", LocalDate.of(2026, 1, 5)), "bench");
            for (int i = 0; i < 20; i++) {
                filing.file(CASE, new CaseFiling.RecordUpload("filed-" + i + ".txt", "text/plain",
                        ("Synthetic visit note " + i + (i % 5 == 0 ? ": no fracture seen" : "")).getBytes(StandardCharsets.UTF_8),
                        "clinicalNotes", LocalDate.of(2025, 1, 1).plusDays(i), null, "Riverside Orthopedics", List.of()), "bench");
            }
            long t0 = System.nanoTime();
            load(index, records);
            System.out.printf("indexed %,d documents in %.1f s%n", records, (System.nanoTime() - t0) / 1e9);
            int port = service.httpPort();
            new ConsoleBench("http://127.0.0.1:" + port).run(samples);
        } finally {
            context.close();
        }
    }

    /** Synthetic documents readable by the records team, as the role table projects ordinary records. */
    private static void load(SearchIndex index, int records) {
        Random random = new Random(13);
        String[] words = {"knee", "wrist", "shoulder", "follow-up", "pain", "swelling", "therapy", "billing", "imaging", "report"};
        String[] providers = {"Riverside Orthopedics", "Lakeside Imaging", "Mercy General", "Hilltop Clinic", "Bayview Rehab"};
        String[] categories = {"clinicalNotes", "imaging", "radiologyReport", "billing", "laboratory"};
        Set<String> readers = Set.of(MedCaseModel.GROUP_RECORDS_MANAGERS, MedCaseModel.GROUP_RECORDS_CLERKS,
                MedCaseModel.GROUP_LEGAL_HOLD_ADMINISTRATORS);
        List<SearchIndex.Document> batch = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            String caseNumber = i % 2 == 0 ? CASE : "BENCH-" + (i % 1000);
            StringBuilder text = new StringBuilder("Synthetic record ").append(i).append('.');
            for (int w = 0; w < 40; w++) {
                text.append(' ').append(words[random.nextInt(words.length)]);
            }
            if (i % 100 == 0) {
                text.append(". Impression: no fracture.");
            }
            batch.add(new SearchIndex.Document("bench-" + i, "record-" + i + ".pdf", caseNumber, "CLM-BENCH", "workersCompensation",
                    providers[i % providers.length], categories[i % categories.length], LocalDate.of(2015, 1, 1).plusDays(i % 3650),
                    Set.of(), text.toString(), readers));
            if (batch.size() == 1000) {
                index.indexAll(batch);
                batch.clear();
            }
        }
        index.indexAll(batch);
    }

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    private ConsoleBench(String base) {
        this.base = base;
    }

    private void run(int samples) throws Exception {
        signIn();
        String[] sorts = {"serviceDate", "name", "category", "providerName"};
        measure("case page  GET /console/cases/" + CASE, samples,
                i -> "/console/cases/" + CASE + "?page=" + (i % 50) + "&sort=" + sorts[i % sorts.length]);
        measure("search     GET /console/search?q=fracture", samples,
                i -> "/console/search?q=fracture&page=" + (i % 20) + (i % 3 == 0 ? "&provider=Lakeside+Imaging" : ""));
    }

    private void measure(String what, int samples, IntFunction<String> path) throws Exception {
        for (int i = 0; i < 50; i++) {
            get(path.apply(i));
        }
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            long t = System.nanoTime();
            HttpResponse<String> response = get(path.apply(i));
            micros.add((System.nanoTime() - t) / 1000);
            if (response.statusCode() != 200) {
                throw new IllegalStateException(what + " answered " + response.statusCode());
            }
        }
        Collections.sort(micros);
        System.out.printf("%s: n=%d p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, samples,
                pct(micros, 50), pct(micros, 95), pct(micros, 99), micros.getLast() / 1000.0);
    }

    private static double pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1000.0;
    }

    private void signIn() throws Exception {
        HttpResponse<String> page = get("/login");
        Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
        if (!token.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        String form = "username=bench&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + token.group(1);
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 302 || login.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("console sign-in failed: " + login.statusCode() + " " + login.headers().map());
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
