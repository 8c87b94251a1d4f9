package com.medcase.service.bench;

import com.medcase.importing.bench.MllpLoad;
import com.medcase.importing.hl7.MllpListener;
import com.medcase.service.TestPdf;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HL7 MDM^T02 over MLLP into the whole service as it runs on the embedded default: the governed repository
 * (content type from the bytes, the consent ACL on the create call), the audit ledger, the search index
 * entry with the PDF's text, the embedded repository and its H2 files. This is the path a records team's
 * feed takes; the importing module's bench ({@code ImportThroughputBench}) leaves the service's parts out.
 * <p>
 * Never part of the build. Arguments: messages per timed phase (default 2000), warm-up messages (default 3000).
 * Each message carries a one-page PDF with a line of text made by PDFBox, so Tika has real text to extract.
 */
public final class ServiceImportBench {

    private static final String PASSWORD = "bench-" + UUID.randomUUID();
    private static final String CASE_NUMBER = "CLM-BENCH-0001";
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        BenchService service = BenchService.start("medcase-import-service-bench", PASSWORD,
                "--medcase.importing.mllp.enabled=true", "--medcase.importing.mllp.port=0");
        ConfigurableApplicationContext context = service.context();
        Path home = service.home();
        try {
            openCase(service.httpPort());
            for (int p = 0; p < 32; p++) {
                PDFS.add(TestPdf.withLine("Progress note " + p + ": patient seen for follow-up of a lumbar strain, improving."));
            }
            int mllpPort = context.getBean(MllpListener.class).port();
            System.out.println("search index: " + context.getBean(com.medcase.service.search.SearchIndex.class).getClass().getSimpleName());
            MllpLoad.pipelined(mllpPort, warmUp, 4, ServiceImportBench::nextMessage);
            for (int connections : new int[]{4, 12}) {
                long cpu = OS.getProcessCpuTime();
                long nanos = MllpLoad.pipelined(mllpPort, messages, connections, ServiceImportBench::nextMessage);
                report("Service: MLLP pipelined, " + connections + " connections", messages, nanos, cpu);
            }
            long cpu = OS.getProcessCpuTime();
            long nanos = MllpLoad.sequential(mllpPort, messages / 4, ServiceImportBench::nextMessage);
            report("Service: MLLP sequential, 1 connection", messages / 4, nanos, cpu);
        } finally {
            context.close();
            // a run leaves hundreds of MB of H2, content and Solr files, and the service's keys beside its home
            deleteTree(home);
            deleteTree(home.resolveSibling(home.getFileName() + "-keys"));
        }
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void report(String what, int count, long nanos, long cpuBefore) {
        System.out.printf("%-50s %6d docs in %6.2f s = %7.1f docs/s (process CPU %.2f ms/doc, Solr's own process not counted)%n",
                what, count, nanos / 1e9, count / (nanos / 1e9), (OS.getProcessCpuTime() - cpuBefore) / 1e6 / count);
    }

    private static void openCase(int httpPort) throws Exception {
        String authorization = "Basic " + Base64.getEncoder().encodeToString(("bench:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/cases"))
                .header("Authorization", authorization).header("Content-Type", "application/json").header("X-Requested-By", "medcase-bench")
                .POST(HttpRequest.BodyPublishers.ofString("{\"caseNumber\":\"" + CASE_NUMBER + "\",\"claimantId\":\"CLMT-BENCH\",\"caseType\":\"other\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() / 100 != 2) {
            throw new IllegalStateException("case not opened: HTTP " + created.statusCode() + " " + created.body());
        }
    }

    /**
     * Distinct one-page PDFs made once, before anything is timed: PDFBox takes tens of milliseconds to make one,
     * and the sender's work must not be counted against the service that receives it.
     */
    private static final List<byte[]> PDFS = new ArrayList<>();

    /**
     * An MDM^T02 from an EHR: the patient names the claim in PID-18, the document is a PDF in OBX-5 (ED, Base64).
     * Each message's document is one of the prepared PDFs with a comment line after its end marker, so every
     * document has its own bytes (its own hash: no duplicates) and the same extractable text.
     */
    private static String nextMessage() {
        int i = SEQ.incrementAndGet();
        byte[] template = PDFS.get(i % PDFS.size());
        byte[] suffix = ("% bench copy " + i + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] pdf = java.util.Arrays.copyOf(template, template.length + suffix.length);
        System.arraycopy(suffix, 0, pdf, template.length, suffix.length);
        String hl7 = "MSH|^~\\&|EHR|BENCH_CLINIC|MEDCASE|MEDCASE|20260115103000||MDM^T02^MDM_T02|SB-" + i + "|P|2.5\r"
                + "EVN|T02|20260115103000\r"
                + "PID|1||MRN-" + i + "||Benchmark^Pat||19700102|F||||||||||" + CASE_NUMBER + "\r"
                + "PV1|1|O\r"
                + "TXA|1|PN|AP|20260110||||||||SB-DOC-" + i + "|||||AU\r"
                + "OBX|1|ED|PN^Progress note||^AP^PDF^Base64^" + Base64.getEncoder().encodeToString(pdf) + "||||||F\r";
        return hl7;
    }
}
