package com.medcase.importing.bench;

import com.medcase.importing.hl7.MllpTestClient;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The MLLP senders of the import benches (the importing module's and the whole service's): pipelined on several
 * connections, or strictly sequential on one. Each message must be acknowledged AA; anything else stops the run.
 */
public final class MllpLoad {

    /** The next HL7 message to send, unframed (sent as ISO-8859-1). */
    @FunctionalInterface
    public interface Messages {
        String next() throws IOException;
    }

    private MllpLoad() {
    }

    /** Each connection writes its share without waiting and reads the acknowledgements as they come; nanoseconds taken. */
    public static long pipelined(int port, int messages, int connections, Messages source) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections * 2);
        try {
            List<Future<?>> readers = new ArrayList<>();
            long start = System.nanoTime();
            for (int c = 0; c < connections; c++) {
                int share = messages / connections;
                MllpTestClient client = new MllpTestClient("127.0.0.1", port);
                pool.submit(() -> {
                    OutputStream out = new BufferedOutputStream(client.output(), 1 << 16);
                    for (int i = 0; i < share; i++) {
                        out.write(MllpTestClient.frame(source.next().getBytes(StandardCharsets.ISO_8859_1)));
                    }
                    out.flush();
                    return null;
                });
                readers.add(pool.submit(() -> {
                    try (client) {
                        for (int i = 0; i < share; i++) {
                            expectAccepted(client.readAck(StandardCharsets.ISO_8859_1));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : readers) {
                f.get(10, TimeUnit.MINUTES);
            }
            return System.nanoTime() - start;
        } finally {
            pool.shutdownNow();
        }
    }

    /** As most senders do ("Mirth-style"): send, wait for the acknowledgement, send the next; nanoseconds taken. */
    public static long sequential(int port, int messages, Messages source) throws Exception {
        try (MllpTestClient client = new MllpTestClient("127.0.0.1", port)) {
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                expectAccepted(client.send(source.next(), StandardCharsets.ISO_8859_1));
            }
            return System.nanoTime() - start;
        }
    }

    private static void expectAccepted(String ack) {
        if (!ack.contains("MSA|AA|")) {
            throw new IllegalStateException("not accepted: " + ack.replace('\r', '\n'));
        }
    }
}
