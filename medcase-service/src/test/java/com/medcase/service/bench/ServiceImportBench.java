package com.medcase.service.bench;

import com.medcase.importing.hl7.MllpListener;
import com.medcase.service.MedCaseApplication;
import com.medcase.service.TestPdf;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
        Class.forName("org.h2.Driver", true, ServiceImportBench.class.getClassLoader());
        Path home = Files.createTempDirectory("medcase-import-service-bench");
        ConfigurableApplicationContext context = SpringApplication.run(MedCaseApplication.class,
                "--server.port=0", "--medcase.home=" + home, "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                "--medcase.importing.mllp.enabled=true", "--medcase.importing.mllp.port=0",
                "--medcase.security.users[0].name=bench",
                "--medcase.security.users[0].password-hash=" + new BCryptPasswordEncoder(4).encode(PASSWORD),
                "--medcase.security.users[0].roles[0]=RECORDS_MANAGER");
        try {
            int httpPort = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
            openCase(httpPort);
            for (int p = 0; p < 32; p++) {
                PDFS.add(TestPdf.withLine("Progress note " + p + ": patient seen for follow-up of a lumbar strain, improving."));
            }
            int mllpPort = context.getBean(MllpListener.class).port();
            System.out.println("search index: " + context.getBean(com.medcase.service.search.SearchIndex.class).getClass().getSimpleName());
            pipelined(mllpPort, warmUp, 4);
            for (int connections : new int[]{4, 12}) {
                long cpu = OS.getProcessCpuTime();
                long nanos = pipelined(mllpPort, messages, connections);
                report("Service: MLLP pipelined, " + connections + " connections", messages, nanos, cpu);
            }
            long cpu = OS.getProcessCpuTime();
            long nanos = sequential(mllpPort, messages / 4);
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
    private static byte[] nextMessage() throws java.io.IOException {
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
        return MllpListener.frame(hl7.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Each connection writes its share without waiting and reads the acknowledgements as they come. */
    private static long pipelined(int port, int messages, int connections) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections * 2);
        try {
            List<Future<?>> readers = new ArrayList<>();
            long start = System.nanoTime();
            for (int c = 0; c < connections; c++) {
                int share = messages / connections;
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                socket.setSoTimeout(120_000);
                pool.submit(() -> {
                    OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
                    for (int i = 0; i < share; i++) {
                        out.write(nextMessage());
                    }
                    out.flush();
                    return null;
                });
                readers.add(pool.submit(() -> {
                    try (socket) {
                        InputStream in = new BufferedInputStream(socket.getInputStream());
                        for (int i = 0; i < share; i++) {
                            expectAccepted(MllpListener.readFrame(in));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : readers) {
                f.get(30, TimeUnit.MINUTES);
            }
            return System.nanoTime() - start;
        } finally {
            pool.shutdownNow();
        }
    }

    /** As most senders do: send, wait for the acknowledgement, send the next. */
    private static long sequential(int port, int messages) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(120_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                out.write(nextMessage());
                out.flush();
                expectAccepted(MllpListener.readFrame(in));
            }
            return System.nanoTime() - start;
        }
    }

    private static void expectAccepted(byte[] ack) {
        String text = ack == null ? "(connection closed)" : new String(ack, StandardCharsets.ISO_8859_1);
        if (!text.contains("MSA|AA|")) {
            throw new IllegalStateException("not accepted: " + text.replace('\r', '\n'));
        }
    }
}
