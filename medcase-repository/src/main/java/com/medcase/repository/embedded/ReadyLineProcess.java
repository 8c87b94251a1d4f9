package com.medcase.repository.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts a child JVM of ours (the embedded repository, the embedded Solr) and waits until it prints
 * {@code <readyPrefix><port>}, keeping any {@code <failurePrefix>…} lines to explain a failed start.
 * Afterwards its output is drained so the child never blocks on a full pipe.
 */
public final class ReadyLineProcess {

    /** A started child and the port it announced. */
    public record Started(Process process, int port) { }

    /** A child that did not announce readiness in time; it has been killed. */
    public static final class NotReadyException extends IOException {
        private final String explanation;

        NotReadyException(String explanation) {
            super(explanation);
            this.explanation = explanation;
        }

        /** The child's failure lines and exit status, e.g. " (exit 1; MEDCASE-SOLR-FAILED …)". */
        public String explanation() {
            return explanation;
        }
    }

    private ReadyLineProcess() {
    }

    public static Started start(List<String> command, String readyPrefix, String failurePrefix, Duration timeout, String outputThreadName)
            throws IOException {
        return start(command, null, readyPrefix, failurePrefix, timeout, outputThreadName);
    }

    /**
     * As above, writing {@code stdin} (then closing it) to the child first: secrets go that way, since a process's
     * arguments are visible to every user of the machine ({@code ps}, {@code /proc/<pid>/cmdline}).
     */
    public static Started start(List<String> command, byte[] stdin, String readyPrefix, String failurePrefix, Duration timeout,
                                String outputThreadName) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        } catch (IOException childGone) {
            // the child ended before reading: its failure line or exit status says why, below
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder failure = new StringBuilder();
        CompletableFuture<Integer> ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(readyPrefix)) {
                        return Integer.parseInt(line.substring(readyPrefix.length()).trim());
                    }
                    if (failurePrefix != null && line.startsWith(failurePrefix)) {
                        synchronized (failure) {
                            failure.append(failure.isEmpty() ? "" : "; ").append(line);
                        }
                    }
                }
                return -1;
            } catch (IOException e) {
                return -1;
            }
        });
        int port;
        try {
            port = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            port = -1;
        }
        if (port <= 0) {
            process.destroyForcibly();
            String exit = process.isAlive() ? "still running" : "exit " + process.exitValue();
            synchronized (failure) {
                throw new NotReadyException(" (" + exit + (failure.isEmpty() ? "" : "; " + failure) + ")");
            }
        }
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discarded: the children log identifiers only, and the parent has its own logs
                }
            } catch (IOException ignored) {
                // process ended
            }
        }, outputThreadName);
        drain.setDaemon(true);
        drain.start();
        return new Started(process, port);
    }
}
