package com.medcase.importing.hl7;

import com.medcase.importing.admin.ImportMonitor;
import com.medcase.importing.pipeline.ImportMetrics;
import com.medcase.importing.pipeline.JdbcImportState;
import com.medcase.importing.testapp.ImportingTestApplication;
import com.medcase.importing.testapp.InMemoryRecordRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 10,000 MDM^T02 over four pipelined MLLP connections, exactly 1% malformed: every ACK is checked
 * (AA with its own MSA-2 for the good ones, AR for the malformed ones) and the counts are exact.
 */
@SpringBootTest(classes = ImportingTestApplication.class)
@DirtiesContext
class MllpSoakTest {

    static final int MESSAGES = 10_000;
    static final int CONNECTIONS = 4;

    @TempDir
    static Path dbDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("medcase.test.db-dir", () -> dbDir.toString());
        r.add("medcase.importing.mllp.enabled", () -> "true");
        r.add("medcase.importing.mllp.port", () -> "0");
    }

    @Autowired MllpListener listener;
    @Autowired InMemoryRecordRepository repository;
    @Autowired JdbcImportState state;
    @Autowired ImportMonitor monitor;

    static boolean malformed(int i) {
        return i % 100 == 37;
    }

    static String message(int i) {
        String id = "SOAK-" + i;
        if (malformed(i)) {
            return "MSH|^~\\&|EHR|FAKE|MEDCASE|MEDCASE|20260101||MDM^T02|" + id + "|P|2.5\rPID|1\rTXA|1|DS\rOBX|1|ED|X||^AP^PDF^Base64^%%%\r";
        }
        return Hl7Samples.mdm(id, ImportingTestApplication.CLAIM, "Soak", "Test", "19700102", "", Hl7Samples.pdf("soak " + i));
    }

    @Test
    void tenThousandMessagesWithOnePercentMalformedEndWithExactCounts() throws Exception {
        int filedBefore = repository.recordCount();
        long deadBefore = state.count("mc_import_dead_letter", "NEW");
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS * 2);
        try {
            List<Future<Integer>> checked = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                int connection = c;
                MllpTestClient client = new MllpTestClient("127.0.0.1", listener.port());
                // the writer pipelines every message of this connection; the reader checks each ACK in order
                pool.submit(() -> {
                    OutputStream out = new BufferedOutputStream(client.output(), 1 << 16);
                    for (int i = connection; i < MESSAGES; i += CONNECTIONS) {
                        out.write(MllpTestClient.frame(message(i).getBytes(StandardCharsets.ISO_8859_1)));
                    }
                    out.flush();
                    return null;
                });
                checked.add(pool.submit(() -> {
                    int n = 0;
                    try (client) {
                        for (int i = connection; i < MESSAGES; i += CONNECTIONS) {
                            String ack = client.readAck(StandardCharsets.ISO_8859_1);
                            assertThat(ack).contains((malformed(i) ? "MSA|AR|" : "MSA|AA|") + "SOAK-" + i + (malformed(i) ? "|" : "\r"));
                            n++;
                        }
                    }
                    return n;
                }));
            }
            int acks = 0;
            for (Future<Integer> f : checked) {
                acks += f.get(90, TimeUnit.SECONDS);
            }
            assertThat(acks).isEqualTo(MESSAGES);
        } finally {
            pool.shutdownNow();
        }
        assertThat(repository.recordCount() - filedBefore).isEqualTo(9_900);
        assertThat(state.count("mc_import_dead_letter", "NEW") - deadBefore).isEqualTo(100);
        ImportMetrics.RouteSnapshot numbers = monitor.route(MllpRouteBuilder.ROUTE_ID);
        assertThat(numbers.received()).isEqualTo(MESSAGES);
        assertThat(numbers.filed()).isEqualTo(9_900);
        assertThat(numbers.rejected()).isEqualTo(100);
        assertThat(numbers.deadLettered()).isEqualTo(100);
        assertThat(numbers.duplicates()).isZero();
    }
}
